-- Slaves' memory is their own: the master's collectgarbage("count") does
-- not include it, and closing (or collecting) a slave frees all of it.
local rings = require "rings"

local function settled_count()
  collectgarbage()
  collectgarbage()
  return collectgarbage("count")
end

-- 10 000 slaves created and closed: the master's memory returns to where
-- it started, within 10 %.
local start = settled_count()
for _ = 1, 10000 do
  local S = rings.new()
  S:close()
end
local after = settled_count()
print("10000 closed slaves:", math.abs(after - start) <= start / 10)
assert(math.abs(after - start) <= start / 10, string.format("%.1f KB -> %.1f KB", start, after))

-- Slaves dropped without close are closed by the collector. The master
-- keeps one entry per live slave (its remotedostring environment) in a
-- table whose capacity follows the most slaves alive at once, as a Lua
-- table does; so after a first round, more rounds do not grow the master.
local function drop_slaves(n)
  for _ = 1, n do
    local S = rings.new()
    assert(S:dostring("x = {} for i = 1, 100 do x[i] = tostring(i) end"))
  end
end
drop_slaves(300)
start = settled_count()
for _ = 1, 3 do
  drop_slaves(300)
  settled_count()
end
after = settled_count()
print("3 x 300 collected slaves:", math.abs(after - start) <= start / 10)
assert(math.abs(after - start) <= start / 10, string.format("%.1f KB -> %.1f KB", start, after))

-- A slave holding 10 MB does not move the master's count; its own count
-- shows them.
local S = rings.new()
start = settled_count()
local ok, slave_count = S:dostring([[
  big = string.rep("x", 10 * 1024 * 1024)
  return collectgarbage("count")
]])
local during = settled_count()
print("slave count includes its 10 MB:", ok, slave_count > 10 * 1024)
print("master count unmoved:", math.abs(during - start) <= start / 10)
assert(slave_count > 10 * 1024 and math.abs(during - start) <= start / 10)
-- The slave frees it by itself, and closing frees the rest.
print(S:dostring("big = nil collectgarbage() return collectgarbage('count') < 1024"))
S:close()
print("after close:", math.abs(settled_count() - start) <= start / 10)

-- Slaves nobody closes are closed by the master's collector, which paces
-- by their bytes: a loop making 5 000 of them keeps only a few alive.
local alive = setmetatable({}, {__mode = "k"})
local most = 0
for i = 1, 5000 do
  alive[rings.new()] = true
  if i % 500 == 0 then
    local n = 0
    for _ in pairs(alive) do n = n + 1 end
    most = math.max(most, n)
  end
end
print("unreferenced slaves collected as they go:", most < 500)
assert(most < 500)
print("done")
