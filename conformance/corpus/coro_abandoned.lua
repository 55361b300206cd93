-- breaking out of a coroutine-based iterator leaves the coroutine suspended
local co_ref
local function gen()
  local co = coroutine.create(function()
    for i = 1, 10 do coroutine.yield(i) end
    return nil
  end)
  co_ref = co
  return function()
    local ok, v = coroutine.resume(co)
    return v
  end
end
for v in gen() do if v == 3 then break end end
print(coroutine.status(co_ref))
print(coroutine.resume(co_ref))
print(coroutine.close(co_ref), coroutine.status(co_ref))
print(coroutine.resume(co_ref))
