-- debug.traceback of other coroutines.
local function f(n)
  if n > 0 then f(n - 1)
  else coroutine.yield() end
end
local co = coroutine.create(f)
print(debug.traceback(co))
coroutine.resume(co, 3)
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "msg", 1))
print(debug.traceback(co, nil, 2))
print(debug.traceback(co, nil, 40))
print(debug.traceback(co, 10))
print(debug.traceback(co, {}) ~= nil)
local function g(i)
  if i == 0 then error("err " .. i)
  else coroutine.yield(); g(i - 1) end
end
local co2 = coroutine.create(function(x) g(x) end)
coroutine.resume(co2, 2)
while coroutine.status(co2) == "suspended" do
  print(debug.traceback(co2))
  print(coroutine.resume(co2))
end
print(debug.traceback(co2))
local main = coroutine.running()
coroutine.wrap(function() print(debug.traceback(main, "from co")) end)()
print(pcall(debug.traceback, co, "x", "y"))
