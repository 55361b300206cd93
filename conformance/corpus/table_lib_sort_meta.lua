-- table.sort through __index/__newindex/__len: the exact sequence of
-- reads and writes follows PUC's quicksort
local log = {}
local store = {5, 3, 8, 1, 9, 2, 7}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "r" .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "w" .. k .. "=" .. v; store[k] = v end,
  __len = function() return #store end,
})
table.sort(proxy)
print(table.concat(store, " "))
print(#log)
print(table.concat(log, " "))
-- with a comparator too
log = {}
store = {1, 2, 3, 4, 5}
table.sort(proxy, function(a, b) return a > b end)
print(table.concat(store, " "))
print(table.concat(log, " "))
-- the table is partly rearranged when an error interrupts the sort
local t = {3, 1, 2, "x", 5, 4}
print(pcall(table.sort, t))
print(t[1], t[2], t[3], t[4], t[5], t[6])
