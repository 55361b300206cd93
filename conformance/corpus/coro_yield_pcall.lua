-- yields across pcall, xpcall and metamethods
local co = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("from inside pcall")
    return x * 2
  end)
  print("pcall result", ok, v)
  local ok2, e = pcall(function()
    coroutine.yield("before error")
    error("after yield", 0)
  end)
  print("pcall error", ok2, e)
  local ok3, r = xpcall(function() return coroutine.yield("in xpcall") end, function(m) return "handled " .. m end)
  print("xpcall", ok3, r)
  local ok4, r4 = xpcall(function() coroutine.yield("x2"); error("E", 0) end, function(m) return "handled " .. m end)
  print("xpcall err", ok4, r4)
  return "finished"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 21))
print(coroutine.resume(co))
print(coroutine.resume(co, "value"))
print(coroutine.resume(co))
local mt = {__index = function(t, k) return coroutine.yield(k) end,
            __add = function(a, b) return coroutine.yield("add") end}
local co2 = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local v = t.key
  local s = t + 1
  return v, s
end)
print(co2())
print(co2("indexed"))
print(co2("added"))
