-- table.concat reads through __index and measures with __len
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = k; return "v" .. k end,
  __len = function() return 4 end,
})
print(table.concat(proxy, "|"))
print(table.concat(log, ","))
print(table.concat(proxy, "", 2, 3))
-- __index returning numbers and then an invalid value
local n = setmetatable({}, {__index = function(_, k) if k < 3 then return k * 1.5 end end,
                            __len = function() return 3 end})
print(pcall(table.concat, n, ","))
-- an __index table chain
local t = setmetatable({"own"}, {__index = {"x", "from index", "also"}})
print(table.concat(t, " ", 1, 3))
-- __len error
print(pcall(table.concat, setmetatable({}, {__len = function() return 2.5 end})))
-- a metamethod that raises
print(pcall(table.concat, setmetatable({}, {__index = function() error("boom") end,
                                            __len = function() return 1 end})))
