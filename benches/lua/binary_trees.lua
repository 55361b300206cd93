-- Binary trees: allocate many short-lived trees of small tables and walk
-- them, while one long-lived tree stays reachable. This is GC pressure:
-- most of the time is spent creating and collecting tables.

local function make(depth)
  if depth == 0 then
    return {}
  end
  depth = depth - 1
  return { make(depth), make(depth) }
end

local function check(tree)
  local left = tree[1]
  if left then
    return 1 + check(left) + check(tree[2])
  end
  return 1
end

local MAX_DEPTH = 15
local MIN_DEPTH = 4

local long_lived = make(MAX_DEPTH)

local results = {}
for depth = MIN_DEPTH, MAX_DEPTH, 2 do
  local iterations = 1 << (MAX_DEPTH - depth + MIN_DEPTH)
  local nodes = 0
  for _ = 1, iterations do
    nodes = nodes + check(make(depth))
  end
  results[#results + 1] = depth .. ":" .. iterations .. ":" .. nodes
end

for _, r in ipairs(results) do
  print(r)
end
print("long lived", check(long_lived))
