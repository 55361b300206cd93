-- table.sort with inconsistent orders: PUC's algorithm either raises
-- "invalid order function for sorting" or leaves some permutation; Saturn
-- performs the same comparisons, so both the outcome and the permutation
-- agree. (Arrays below 128 elements: PUC never randomises their pivots.)
local seed = 99
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local comparators = {
  function(a, b) return a <= b end,
  function(a, b) return true end,
  function(a, b) return (a + b) % 3 == 0 end,
  function(a, b) return a % 7 < b % 5 end,
  function(a, b) return rnd(2) == 0 end,
}
for trial = 1, 40 do
  local n = 2 + rnd(100)
  local t = {}
  for i = 1, n do t[i] = rnd(50) end
  local ok, err = pcall(table.sort, t, comparators[trial % #comparators + 1])
  local sum = 0
  for i = 1, n do sum = (sum * 31 + t[i]) % 1000000007 end
  print(trial, n, ok, err, sum)
end
-- NaN makes '<' inconsistent
for trial = 1, 10 do
  local n = 3 + rnd(60)
  local t = {}
  for i = 1, n do t[i] = rnd(4) == 0 and 0/0 or rnd(20) end
  local ok, err = pcall(table.sort, t)
  local shape = {}
  for i = 1, n do shape[i] = t[i] ~= t[i] and "N" or tostring(t[i]) end
  print(trial, ok, err, table.concat(shape, " "))
end
