-- coroutine.wrap: values, errors propagate with position, dead wrap
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i) end
  return "end"
end)
print(gen(3), gen(), gen(), gen())
print(pcall(gen))
local failing = coroutine.wrap(function() error("inside wrap") end)
print(pcall(failing))
local failing2 = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(failing2)
print(ok, type(e), e.code)
local failing3 = coroutine.wrap(function() local x = nil; return x.y end)
print(pcall(failing3))
print(pcall(coroutine.wrap, 1))
local echo = coroutine.wrap(function(...)
  local args = {...}
  while true do args = {coroutine.yield(#args, ...)} end
end)
print(echo(1, 2, 3))
print(echo())
print(echo(nil, nil))
