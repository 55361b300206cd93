-- to-be-closed variables inside coroutines: closed by coroutine.close or on error
local log = {}
local function closer(name)
  return setmetatable({}, {__close = function(_, err) log[#log + 1] = name .. ":" .. tostring(err) end})
end
local co = coroutine.create(function()
  local a <close> = closer("a")
  local b <close> = closer("b")
  coroutine.yield(1)
  return 2
end)
print(coroutine.resume(co))
print(#log)
print(coroutine.close(co), coroutine.status(co))
for i, v in ipairs(log) do print(i, v) end
log = {}
local co2 = coroutine.create(function()
  local c <close> = closer("c")
  error("in coroutine", 0)
end)
print(coroutine.resume(co2))
print(log[1])
print(coroutine.close(co2))
log = {}
local co3 = coroutine.wrap(function()
  local d <close> = closer("d")
  coroutine.yield("y")
  return "r"
end)
print(co3(), #log)
print(co3(), log[1])
local co4 = coroutine.create(function()
  local e <close> = setmetatable({}, {__close = function() error("close failed", 0) end})
  coroutine.yield()
end)
coroutine.resume(co4)
print(coroutine.close(co4))
print(coroutine.status(co4))
