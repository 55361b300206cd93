-- _ENV is an upvalue: functions capture the environment visible where they are defined
local function make(env)
  local _ENV = env
  return function() return value end
end
local f1 = make({value = "one"})
local f2 = make({value = "two"})
print(f1(), f2())
local function setenv(tbl)
  local _ENV = tbl
  x = 1
  y = x + 1
end
local e = {}
setenv(e)
print(e.x, e.y, x, y)
local g = load("return function() counter = (counter or 0) + 1 return counter end", "=g", "t", {})()
print(g(), g(), g())
do
  local _ENV = {print = print, tostring = tostring}
  z = "in block env"
  print(z, tostring(_ENV.z))
end
print(z)
