-- table.sort: argument errors, comparison errors, invalid order functions
print(pcall(table.sort))
print(pcall(table.sort, nil))
print(pcall(table.sort, "abc"))
print(pcall(table.sort, {3, 2, 1}, 42))
print(pcall(table.sort, {3, 2, 1}, {}))
print(pcall(table.sort, {1}, 42))
print(pcall(table.sort, {1, "x"}))
print(pcall(table.sort, {"x", 1}))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort, {1, {}, 3}))
print(pcall(table.sort, {true, false}))
print(pcall(table.sort, {1, nil, 3}, function(a, b) return a < b end))
-- "array too big" through __len
print(pcall(table.sort, setmetatable({}, {__len = function() return math.maxinteger end})))
print(pcall(table.sort, setmetatable({}, {__len = function() return 2^31 end})))
-- inconsistent comparators
local function always() return true end
local t = {} for i = 1, 20 do t[i] = i end
print(pcall(table.sort, t, always))
t = {5, 4, 3, 2, 1, 0, 9, 8, 7, 6}
print(pcall(table.sort, t, function(a, b) return a <= b end))
t = {} for i = 1, 10 do t[i] = 1 end
print(pcall(table.sort, t, function(a, b) return a <= b end))
-- the position of luaL_error messages
print(pcall(function() table.sort({3, 2, 1, 4, 5, 6}, function() return true end) end))
-- errors inside the comparator propagate unchanged
local ok, err = pcall(table.sort, {2, 1}, function() error({"table error"}) end)
print(ok, err[1])
print(select(2, pcall(table.sort, {2, 1}, function() error("msg", 0) end)))
