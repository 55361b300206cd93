-- upvalues shared between a coroutine and its creator
local counter = 0
local co = coroutine.wrap(function()
  while true do
    counter = counter + 1
    coroutine.yield(counter)
  end
end)
print(co(), co(), counter)
counter = 100
print(co(), counter)
local function make()
  local x = 0
  local gen = coroutine.wrap(function() while true do x = x + 1; coroutine.yield() end end)
  return function() gen(); return x end, function() return x end
end
local step, peek = make()
step(); step()
print(peek(), step(), peek())
