-- debug.traceback on the running thread.
print(debug.traceback("hi"))
print(debug.traceback("hi", 0))
print(debug.traceback("hi", 2))
print(debug.traceback("hi", 50))
print(debug.traceback())
print(debug.traceback(nil, 1))
print(debug.traceback(10))
print(debug.traceback(print) == print)
print(debug.traceback(print, 4) == print)
local t = {}
print(debug.traceback(t) == t)
print(debug.traceback(true))
local function deep(n)
  if n == 0 then return debug.traceback("deep", 1) end
  return (deep(n - 1))
end
print(deep(3))
print(deep(30))
local function tail(n)
  if n == 0 then return debug.traceback("tail") end
  return tail(n - 1)
end
print(tail(2))
print(pcall(debug.traceback, "x", "y"))
print(pcall(debug.traceback, "x", 1.5))
local st, msg = (function () return pcall end)()(debug.traceback)
print(st, msg)
print(xpcall(function() error("oops") end, debug.traceback))
