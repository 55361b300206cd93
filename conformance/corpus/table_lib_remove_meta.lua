-- table.remove through __index, __newindex and __len
local log = {}
local store = {"a", "b", "c", "d"}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set " .. k .. "=" .. tostring(v); store[k] = v end,
  __len = function() log[#log + 1] = "len"; return #store end,
})
print(table.remove(proxy, 2))
print(table.concat(log, "; "))
log = {}
print(table.remove(proxy))
print(table.concat(log, "; "))
print(table.concat(store, ","))
-- position out of bounds is checked against __len (the message names
-- argument #1 in 5.4.4, #2 in 5.4.8; only the success case is here)
print(pcall(table.remove, proxy, 3))
-- a table whose elements live in an __index table
local base = {1, 2, 3}
local t = setmetatable({}, {__index = base, __len = function() return 3 end})
print(table.remove(t, 1), rawget(t, 1), rawget(t, 2), rawget(t, 3))
