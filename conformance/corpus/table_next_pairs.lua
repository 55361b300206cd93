-- next and pairs: traversal visits each key once (order is not printed for hash keys)
local t = {10, 20, 30, a = 1, b = 2, c = 3}
local seen, count = {}, 0
for k, v in pairs(t) do
  seen[k] = v; count = count + 1
end
print(count, seen[1], seen[2], seen[3], seen.a, seen.b, seen.c)
print(next({}), next({}, nil))
local k, v = next({"only"})
print(k, v)
print(next({"only"}, 1))
print(pcall(next, {}, "nokey"))
print(pcall(next))
print(pcall(next, 1))
local arr = {}
for i = 1, 5 do arr[i] = i end
local order = ""
for k in pairs(arr) do order = order .. k end
print(order)
local m = {x = 1, y = 2, z = 3}
for k in pairs(m) do m[k] = nil end
print(next(m))
local cnt = 0
local n = {a = 1, b = 2, c = 3, d = 4}
for k, v in pairs(n) do n[k] = v * 2; cnt = cnt + 1 end
print(cnt, n.a, n.b, n.c, n.d)
local f, s, init = pairs(m)
print(f == next, s == m, init)
