-- upvalueid: shared variables share an identity.
local a, b, c = 1, 2, 3
local function foo1() return a + b end
local function foo2() return b + a end
local function foo3() return a + c end
print(type(debug.upvalueid(foo1, 1)))
print(debug.upvalueid(foo1, 1) == debug.upvalueid(foo2, 2))
print(debug.upvalueid(foo1, 2) == debug.upvalueid(foo2, 1))
print(debug.upvalueid(foo1, 1) == debug.upvalueid(foo3, 1))
print(debug.upvalueid(foo1, 1) ~= debug.upvalueid(foo3, 2))
print(debug.upvalueid(foo1, 3), debug.upvalueid(foo1, 0))
local funcs = {}
for i = 1, 3 do
  local x = i
  funcs[i] = function() return x + a end
end
print(debug.upvalueid(funcs[1], 1) == debug.upvalueid(funcs[2], 1))
print(debug.upvalueid(funcs[1], 2) == debug.upvalueid(funcs[2], 2))
print(debug.upvalueid(print, 1))
print(pcall(debug.upvalueid, 1, 1))
print(pcall(debug.upvalueid, foo1))
print(pcall(debug.upvalueid, foo1, 1.5))
print(pcall(debug.upvalueid))
