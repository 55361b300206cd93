-- Errors in hooks, protected calls inside hooks, and hooks that change
-- hooks.
local function f(x) return x end
debug.sethook(function(e)
  if e == "call" and debug.getinfo(2, "f").func == f then error("hook failed") end
end, "c")
print(pcall(f, 1))
debug.sethook()
print(debug.gethook())
debug.sethook(function(e)
  debug.sethook()
  print(pcall(load("a = 'x' + 1")))
  print(type(select(2, pcall(error, {}))))
end, "l")
local z = 1
print(debug.gethook())
local ran = 0
debug.sethook(function(e)
  ran = ran + 1
  local ok = pcall(function() local y = 1 y = y + 1 end)
end, "l")
local w = 1
w = 2
debug.sethook()
print(ran)
print(pcall(debug.sethook, 1, "l"))
print(pcall(debug.sethook, print, 1))
print(pcall(debug.sethook, print))
print(pcall(debug.sethook, print, {}))
print(pcall(debug.sethook, print, "l", "x"))
print(pcall(debug.sethook, coroutine.create(print), 1, "l"))
print(pcall(debug.gethook, 1))
print(debug.sethook())
print(debug.sethook(nil))
