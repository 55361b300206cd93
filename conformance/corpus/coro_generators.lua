-- generators built on coroutines
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
for v in gen(4) do print("gen", v) end
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a)
  else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local count = 0
for p in coroutine.wrap(function() permgen({1, 2, 3}) end) do
  count = count + 1
  print(p[1] .. p[2] .. p[3])
end
print("perms", count)
local function filter(pred, g)
  return coroutine.wrap(function()
    for v in g do if pred(v) then coroutine.yield(v) end end
  end)
end
for v in filter(function(x) return x % 2 == 0 end, gen(10)) do print("even", v) end
local function fibgen()
  local a, b = 0, 1
  return coroutine.wrap(function() while true do coroutine.yield(a); a, b = b, a + b end end)
end
local f = fibgen()
local s = ""
for i = 1, 12 do s = s .. f() .. " " end
print(s)
