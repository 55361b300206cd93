-- table.unpack through __index and __len
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = k; return k * 10 end,
  __len = function() return 3 end,
})
print(table.unpack(proxy))
print(table.concat(log, ","))
print(table.unpack(proxy, 2, 4))
-- mixing raw values and __index
local t = setmetatable({1, nil, 3}, {__index = function(_, k) return "idx" .. k end})
print(table.unpack(t, 1, 4))
-- __len that is not an integer
print(pcall(table.unpack, setmetatable({}, {__len = function() return "a" end})))
print(pcall(table.unpack, setmetatable({}, {__len = function() return 3.0 end})))
