-- Upvalues are not dumped: a loaded function gets fresh ones, the first
-- set to the environment as load does for text chunks.
local a, b = 10, 20
local function uses_two() return a, b end
local f = load(string.dump(uses_two))
local ok, first, second = pcall(f)
print(ok, first == _G, second)
local function uses_env() return print ~= nil, tostring(x_global) end
x_global = "global"
print(load(string.dump(uses_env))())
local g = load(string.dump(uses_env), "name", "b", {print = 1, tostring = tostring})
print(g())
-- _ENV not the first upvalue: the first one gets the environment
local up = "captured"
local function env_second()
  local y = up
  return type(y), type(x_global)
end
local h = load(string.dump(env_second))
print(pcall(h))
-- setting a fresh upvalue
local counter = 0
local function inc() counter = counter + 1 return counter end
print(inc(), inc())
local inc2 = load(string.dump(inc))
print(pcall(inc2))
local inc3 = load(string.dump(inc), "=inc", "b", 5)
print(pcall(inc3))
-- a function without upvalues
local function pure(x) return x * x end
print(load(string.dump(pure))(7))
-- nested closures keep working: their upvalues come from the loaded function
local function maker()
  local n = 0
  return function() n = n + 1 return n end
end
local m = load(string.dump(maker))
local c1, c2 = m(), m()
print(c1(), c1(), c2())
-- a recursive local function refers to itself through an upvalue
local function rec(n) if n == 0 then return "done" end return rec(n - 1) end
print(pcall(load(string.dump(rec)), 3))
