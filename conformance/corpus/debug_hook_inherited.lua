-- A new coroutine starts with its creator's hook mask and count (PUC's
-- lua_newthread copies them), but the Lua hook function is kept per
-- thread: debug.gethook(co) gives fail, the mask and the count, and the
-- coroutine's events call nothing.
local calls = 0
local function counter() calls = calls + 1 end

debug.sethook(counter, "cr", 7)
local co = coroutine.create(function()
  local h, mask, count = debug.gethook()
  local inner = coroutine.create(function() end)
  return h, mask, count, select("#", debug.gethook(inner)), debug.gethook(inner)
end)
local wrapped = coroutine.wrap(function() return debug.gethook() end)
local mine = { debug.gethook() }
debug.sethook()
calls = 0

print(mine[1] == counter, mine[2], mine[3])
print(select("#", debug.gethook(co)), debug.gethook(co))
print(coroutine.resume(co))
print(calls)
print(wrapped())
print(calls)
print(debug.gethook(co))

-- Without a hook, new coroutines have none.
local plain = coroutine.create(function() end)
print(select("#", debug.gethook(plain)), debug.gethook(plain))

-- Line and count events of an inherited mask call nothing either.
debug.sethook(counter, "l", 1)
local lines = coroutine.create(function()
  local x = 1
  x = x + 1
  return x
end)
debug.sethook()
calls = 0
print(debug.gethook(lines))
print(coroutine.resume(lines))
print(calls)

-- A hook set on the coroutine itself replaces the inherited one.
debug.sethook(counter, "c")
local own = coroutine.create(function(...) return select("#", ...) end)
debug.sethook()
local events = {}
debug.sethook(own, function(e) events[#events + 1] = e end, "r")
print(debug.gethook(own) ~= nil, select(2, debug.gethook(own)))
print(coroutine.resume(own, 1, 2))
print(#events > 0, events[1])

-- A hook turned off before creating: nothing is inherited.
debug.sethook(counter, "l")
debug.sethook()
print(debug.gethook(coroutine.create(print)))
