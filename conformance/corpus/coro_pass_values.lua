-- passing values both ways, including nils and many values
local co = coroutine.create(function(...)
  print("args", select('#', ...), ...)
  local r = {coroutine.yield()}
  print("resume args", #r)
  local a, b, c = coroutine.yield(nil, nil)
  print(a, b, c)
  return ...
end)
print(coroutine.resume(co, 1, nil, 3, nil))
print(coroutine.resume(co, 1, 2, 3, 4, 5))
print(coroutine.resume(co, "a"))
print(coroutine.resume(co))
local sum = coroutine.wrap(function(first)
  local total = first
  while true do
    local nxt = coroutine.yield(total)
    if not nxt then return "total " .. total end
    total = total + nxt
  end
end)
print(sum(1), sum(2), sum(3), sum())
local big = coroutine.wrap(function()
  local t = {}
  for i = 1, 200 do t[i] = i end
  coroutine.yield(t[1], t[200], #t)
  return select('#', (function(...) return ... end)(1, 2, 3))
end)
print(big())
print(big())
