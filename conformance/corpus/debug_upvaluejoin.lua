-- upvaluejoin: a closure's upvalue made to share another's variable.
local a, b, c = 1, 2, 3
local function f1() return a end
local function f2() return b end
local function f3() return a, b, c end
debug.upvaluejoin(f1, 1, f2, 1)
print(f1(), f2())
b = 20
print(f1(), f2())
print(debug.upvalueid(f1, 1) == debug.upvalueid(f2, 1))
debug.upvaluejoin(f3, 3, f2, 1)
print(f3())
debug.setupvalue(f2, 1, 200)
print(f1(), f3())
print(a, b, c)
local function make()
  local x, y = "x", "y"
  return function() return x end, function() return y end
end
local g1, g2 = make()
debug.upvaluejoin(g1, 1, g2, 1)
print(g1(), g2())
print(pcall(debug.upvaluejoin, f1, 2, f2, 1))
print(pcall(debug.upvaluejoin, f1, 1, f2, 5))
print(pcall(debug.upvaluejoin, f1, 0, f2, 1))
print(pcall(debug.upvaluejoin, print, 1, f2, 1))
print(pcall(debug.upvaluejoin, f1, 1, print, 1))
print(pcall(debug.upvaluejoin, f1, 1, f2))
print(pcall(debug.upvaluejoin, 1, 1, f2, 1))
print(pcall(debug.upvaluejoin))
