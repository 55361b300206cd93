-- load / loadfile / dofile
local f = load("return 1 + 1")
print(f())
print(load("syntax error here"))
print(load("x ="))
print(load("x =", "=custom"))
print(load("x =", "@file.lua"))
print(load("return ...", "chunk")(1, 2))
print(load(5) ~= nil, load(5))
print(pcall(load))
print(pcall(load, {}))
print(pcall(load, "return 1", {}))
print(pcall(load, "return 1", nil, {}))
print(load("\27Lua", nil, "t"))
print(load("return 1", nil, "b"))
print(load("return 1", nil, "t")())
print(load("return 1", nil, "bt")())
print(load("return 1", nil, "x"))
-- env
local env = {y = 5}
print(load("return y", "env", "t", env)())
print(load("y = 7; return y", "env", "t", env)(), env.y, y)
print(pcall(load("return y", "nil env", "t", nil)))
print(load("local a = 1; return a", "noup", "t", env)())
-- reader functions
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local g = load(function() i = i + 1; return parts[i] end)
print(g())
i = 0
print(load(function() i = i + 1; if i == 1 then return "return 'first'" elseif i == 2 then return "" else return "error()" end end)())
print(type(load(function() return nil end)))
-- (inside a coroutine: lua.c's message handler would append a traceback)
coroutine.wrap(function()
  print(load(function() return {} end))
  print(load(function() error("reader failed") end))
end)()
print(pcall(load, function() return {} end))
print(load(function() error({}) end) == nil)
local once = false
print(load(function() if once then return nil end once = true; return "x =" end))
local n = 0
print(load(function() n = n + 1; if n == 1 then return 12 end end))
local k = 0
print(load(function() k = k + 1; if k == 1 then return "return _ENV" end end, "=reader", "t", env)() == env)
-- chunk names show in errors
print(pcall(load("error('boom')", "=named")))
print(pcall(load("error('boom')", "@some/file.lua")))
print(pcall(load("\n\nerror('line 3')")))
print(pcall(load("error('boom')")))
-- loadfile / dofile on a missing file
print(loadfile("/nonexistent/file.lua"))
print(pcall(dofile, "/nonexistent/file.lua"))
print(pcall(loadfile, {}))
