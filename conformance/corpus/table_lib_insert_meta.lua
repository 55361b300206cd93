-- table.insert honours __index, __newindex and __len
local log = {}
local store = {10, 20, 30}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set " .. k .. "=" .. tostring(v); store[k] = v end,
  __len = function() log[#log + 1] = "len"; return #store end,
})
table.insert(proxy, 40)
table.insert(proxy, 2, 15)
print(table.concat(log, "; "))
print(table.concat(store, ","))
-- __len returning a float with an integer value, or a numeric string
local f = setmetatable({}, {__len = function() return 2.0 end})
table.insert(f, "x")
print(rawget(f, 3))
local s = setmetatable({}, {__len = function() return "4" end})
table.insert(s, "y")
print(rawget(s, 5))
-- __len returning a non-integer
print(pcall(table.insert, setmetatable({}, {__len = function() return 1.5 end}), 1))
print(pcall(table.insert, setmetatable({}, {__len = function() return "x" end}), 1))
print(pcall(table.insert, setmetatable({}, {__len = function() return nil end}), 1))
-- __newindex table and __index table
local backing = {}
local t = setmetatable({}, {__newindex = backing, __index = backing})
table.insert(t, "a")
table.insert(t, "b")
print(rawget(t, 1), backing[1], backing[2], #t)
-- an error inside a metamethod propagates
print(pcall(table.insert, setmetatable({}, {__newindex = function() error("no way") end}), 1))
local ok, err = pcall(table.insert, setmetatable({}, {__len = function() error({code = 7}) end}), 1)
print(ok, type(err), err.code)
