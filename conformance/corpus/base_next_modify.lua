-- assigning to existing fields and clearing fields during traversal is allowed
local t = {}
for i = 1, 10 do t["k" .. i] = i end
local visited = 0
for k, v in pairs(t) do
  visited = visited + 1
  t[k] = nil
end
print(visited, next(t))
local u = {a = 1, b = 2, c = 3, d = 4, e = 5}
local total = 0
for k, v in pairs(u) do u[k] = v * 10; total = total + v end
print(total, u.a + u.b + u.c + u.d + u.e)
local arr = {1, 2, 3, 4, 5, 6}
local n = 0
for i, v in pairs(arr) do arr[i] = nil; n = n + 1 end
print(n, #arr)
