-- producer/consumer with coroutines passing values both ways
local function producer()
  return coroutine.create(function()
    for _, item in ipairs({"apple", "banana", "cherry"}) do
      local ack = coroutine.yield(item)
      print("producer got ack", ack)
    end
    return nil
  end)
end
local function consumer(prod)
  local n = 0
  local ok, item = coroutine.resume(prod)
  while item do
    n = n + 1
    print("consumed", item)
    ok, item = coroutine.resume(prod, "ack" .. n)
  end
  return n
end
print("total", consumer(producer()))
