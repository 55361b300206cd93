-- table.sort with and without a Lua comparator: the comparator is called
-- once per comparison from inside a library function (a native calling
-- back into Lua), which is the cost this program measures.

local function fill(t, n, seed)
  local x = seed
  for i = 1, n do
    x = (x * 1103515245 + 12345) % 2147483648
    t[i] = x
  end
end

local t = {}
local checksum = 0
for round = 1, 4 do
  fill(t, 100000, round)
  table.sort(t, function(a, b) return a > b end)
  checksum = checksum + t[1] % 1000 + t[#t] % 1000
  fill(t, 100000, round + 10)
  table.sort(t)
  checksum = checksum + t[1] % 1000 + t[#t] % 1000
end
print(checksum)
