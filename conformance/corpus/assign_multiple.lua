-- multiple assignment: adjusting counts, swaps, evaluation before assignment
local a, b, c = 1, 2
print(a, b, c)
a, b = 10, 20, 30
print(a, b)
a, b = b, a
print(a, b)
local t = {1, 2, 3}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local x, y, z = (function() return 1, 2, 3 end)()
print(x, y, z)
x, y, z = (function() return 1, 2, 3 end)(), 10
print(x, y, z)
x, y, z = 0, (function() return 1, 2, 3 end)()
print(x, y, z)
local u = {}
u.a, u.b, u.a = 1, 2, 3
print(u.b, u.a == 1 or u.a == 3)
local p, q = (function() end)()
print(p, q)
