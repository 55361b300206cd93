-- multiple assignment with table fields, swaps and function results
local t = {1, 2, 3}
t[1], t[3] = t[3], t[1]
print(t[1], t[2], t[3])
local p = {x = 1, y = 2}
p.x, p.y = p.y, p.x
print(p.x, p.y)
local function two() return "a", "b" end
local q = {}
q.a, q.b, q.c = two()
print(q.a, q.b, q.c)
q.a, q.b, q.c = two(), "z"
print(q.a, q.b, q.c)
local i, j = 1, 2
local arr = {10, 20}
arr[i], arr[j], i, j = arr[j], arr[i], j, i
print(arr[1], arr[2], i, j)
local g1, g2
g1, g2 = 1
print(g1, g2)
