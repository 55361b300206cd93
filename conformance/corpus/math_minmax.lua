-- math.min and math.max: keep the chosen argument unchanged
print(math.max(1, 2, 3), math.min(1, 2, 3))
print(math.max(1, 2.0), math.max(2.0, 1), math.max(2, 2.0), math.max(2.0, 2))
print(math.min(1.0, 1), math.min(1, 1.0), math.min(-0.0, 0), math.max(0, -0.0))
print(math.max(math.mininteger, -math.huge), math.min(math.maxinteger, math.huge))
print(math.max(5), math.min("x"), math.max({}) ~= nil)
print(math.max("10", "9"), math.min("10", "9"))
print(math.max(1, 0/0) ~= math.max(1, 0/0), math.max(0/0, 1) ~= math.max(0/0, 1))
-- values with __lt
local mt = {__lt = function(a, b) return a.v < b.v end}
local a, b, c = setmetatable({v = 1}, mt), setmetatable({v = 5}, mt), setmetatable({v = 3}, mt)
print(math.max(a, b, c).v, math.min(a, b, c).v)
-- errors
print(pcall(math.max))
print(pcall(math.min))
print(pcall(math.max, 1, "x"))
print(pcall(math.min, "x", 1))
print(pcall(math.max, 1, nil))
print(pcall(math.min, {}, {}))
print(pcall(function() return math.max(1, true) end))
