-- Hooks are per thread.
local co = coroutine.create(function ()
  coroutine.yield(10)
  return 20
end)
local trace = {}
debug.sethook(co, function(event) trace[#trace + 1] = event end, "clr")
print(debug.gethook())
repeat until not coroutine.resume(co)
local s = ""
for i = 1, #trace do s = s .. trace[i] .. " " end
print(s)
local co2 = coroutine.create(function (x)
  local a = 1
  coroutine.yield(debug.getinfo(1, "l").currentline)
  coroutine.yield(debug.getinfo(1, "l").currentline)
  return a
end)
local tr = {}
local foo = function (e, l) if l then tr[#tr + 1] = l end end
debug.sethook(co2, foo, "lcr")
local _, l = coroutine.resume(co2, 10)
print(#tr == 2, tr[1] == l - 1, tr[2] == l)
print(debug.gethook(co2) == foo, select(2, debug.gethook(co2)))
print(select(2, coroutine.resume(co2)) == l + 1)
print(coroutine.resume(co2))
print(#tr, tr[4] == l + 2)
print(debug.gethook())
local inner_lines = 0
local wrapped = coroutine.wrap(function()
  debug.sethook(function() inner_lines = inner_lines + 1 end, "l")
  for j = 1, 3 do coroutine.yield(j) end
end)
wrapped(); wrapped(); wrapped()
print(inner_lines > 0, debug.gethook())
local outer = 0
debug.sethook(function() outer = outer + 1 end, "l")
local c3 = coroutine.wrap(function() local z = 1 z = 2 return z end)
c3()
debug.sethook()
print(outer)
