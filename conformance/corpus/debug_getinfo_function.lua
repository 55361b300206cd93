-- debug.getinfo on function values: source information, parameters,
-- upvalues, and the fields a function that is not running lacks.
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  -- insertion sort: no table library needed
  for i = 2, #keys do
    local k, j = keys[i], i - 1
    while j >= 1 and keys[j] > k do keys[j + 1] = keys[j]; j = j - 1 end
    keys[j + 1] = k
  end
  for _, k in ipairs(keys) do
    local v = t[k]
    if type(v) == "function" or type(v) == "table" then v = type(v) end
    print("", k, v)
  end
end

local up = 1
local function f(a, b, c)
  return a + up
end
local function g(a, ...)
  return ...
end

print("Lua function")
show(debug.getinfo(f))
print("vararg function, S and u")
show(debug.getinfo(g, "Su"))
print("native function")
show(debug.getinfo(print))
print("func field is the function", debug.getinfo(f, "f").func == f)
print("native has no activelines", debug.getinfo(print, "L").activelines)
print("empty options", next(debug.getinfo(f, "")))
local chunk = load("return function() end", "=mychunk")
show(debug.getinfo(chunk(), "S"))
show(debug.getinfo(chunk, "S"))
local named = load("return 1", "@some/file.lua")
show(debug.getinfo(named, "S"))
local src = load("return 1")
show(debug.getinfo(src, "S"))
print(debug.getinfo(load("x = 1\ny = 2", "=(load)"), "S").lastlinedefined)
