-- Every truncated binary chunk fails with "truncated chunk".
local function check(f)
  local d = string.dump(f)
  local all, first = true, nil
  for i = 1, #d - 1 do
    local ok, msg = load(d:sub(1, i))
    if ok or msg ~= "binary string: bad binary format (truncated chunk)" then
      all = false
      first = first or i
    end
  end
  print(all, first)
  return d
end
check(function() end)
check(function(a, b, ...) local t = {a, b, ...} return #t end)
check(function()
  local a = 1; local b = 3
  local f = function() return a + b + _ENV.c end
  local s1 = "a constant"
  local s2 = "another constant, long enough to be a long string in the dump"
  return a + b * 3, 2.5, -7, true, nil
end)
local d = string.dump(function() return "x" end, true)
for i = 1, #d - 1 do
  local _, msg = load(d:sub(1, i), "=short")
  if msg ~= "short: bad binary format (truncated chunk)" then print("unexpected", i, msg) end
end
print("stripped ok")
