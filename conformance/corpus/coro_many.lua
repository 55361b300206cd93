-- many coroutines alive at once, resumed round-robin
local cos = {}
local out = {}
for i = 1, 5 do
  cos[i] = coroutine.create(function()
    for step = 1, 3 do
      out[#out + 1] = i * 10 + step
      coroutine.yield()
    end
  end)
end
local alive = true
while alive do
  alive = false
  for i = 1, 5 do
    if coroutine.status(cos[i]) ~= "dead" then
      coroutine.resume(cos[i])
      alive = true
    end
  end
end
local s = ""
for _, v in ipairs(out) do s = s .. v .. " " end
print(s)
print(#out)
local count = 0
for i = 1, 1000 do
  local c = coroutine.wrap(function(x) return x + 1 end)
  count = count + c(0)
end
print(count)
