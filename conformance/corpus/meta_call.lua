-- __call makes tables callable; the object is the first argument
local callable = setmetatable({n = 5}, {__call = function(self, a, b) return self.n + a + b, "second" end})
print(callable(1, 2))
print(pcall(callable, 10, 20))
local function apply(f, ...) return f(...) end
print(apply(callable, 3, 4))
local nested = setmetatable({}, {__call = callable})
print(pcall(nested, 1))
local t = {obj = callable}
print(t.obj(0, 0))
print(pcall(function() return t:obj(1) end))
local noncall = setmetatable({}, {__call = 42})
print(pcall(noncall))
print(pcall(setmetatable({}, {})))
