-- coroutine.running and isyieldable inside wrap and inside pcall in a coroutine
local main = coroutine.running()
local w = coroutine.wrap(function()
  local co, ismain = coroutine.running()
  print(co ~= main, ismain, coroutine.status(co), coroutine.isyieldable())
  print(pcall(function() return coroutine.isyieldable() end))
  coroutine.yield()
end)
w()
print(coroutine.isyieldable())
local saved
local co = coroutine.create(function() saved = coroutine.running() end)
coroutine.resume(co)
print(saved == co, coroutine.status(saved))
