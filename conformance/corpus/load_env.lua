-- load with a custom environment; _ENV manipulation
local env = {y = 5}
local f = load("x = 10; return y", "=env", "t", env)
print(f(), env.x, x)
local g = load("return print", "=g", "t", {})
print(g())
local h = load("local _ENV = {z = 3}; return z")
print(h())
local function with_env()
  local _ENV = {val = "from local _ENV"}
  return val
end
print(with_env())
local counter = setmetatable({}, {__index = function(_, k) return "missing " .. k end})
print(load("return foo, bar", "=e", "t", counter)())
local e2 = {}
load("a = 1; b = 2; function fn() return a + b end", "=e2", "t", e2)()
print(e2.a, e2.b, e2.fn())
print(load("return _ENV", "=x", "t", e2)() == e2)
local nilenv = load("return x", "=n", "t", nil)
print(pcall(nilenv))
print(_ENV == _G, _G._G == _G)
local shadow = load("local print = 1; return print", "=s")
print(shadow())
