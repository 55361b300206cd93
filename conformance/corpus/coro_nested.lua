-- nested coroutines: a coroutine resuming another one
local log = {}
local inner = coroutine.create(function()
  log[#log + 1] = "inner 1"
  coroutine.yield("i1")
  log[#log + 1] = "inner 2"
  return "i-done"
end)
local outer = coroutine.create(function()
  log[#log + 1] = "outer 1"
  local ok, v = coroutine.resume(inner)
  log[#log + 1] = "outer got " .. v
  coroutine.yield("o1")
  ok, v = coroutine.resume(inner)
  log[#log + 1] = "outer got " .. v
  return "o-done"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
for i, v in ipairs(log) do print(i, v) end
local function chain(n)
  if n == 0 then return coroutine.yield("bottom") end
  local co = coroutine.wrap(chain)
  return "level" .. n .. "(" .. co(n - 1) .. ")"
end
local top = coroutine.wrap(chain)
print(top(3))
local deep = 0
local function nest(n)
  if n == 0 then return 0 end
  return coroutine.wrap(function() return 1 + nest(n - 1) end)()
end
print(nest(50))
