-- tables used as arrays
local t = {10, 20, 30}
print(#t, t[1], t[3], t[4], t[0])
t[#t + 1] = 40
print(#t, t[4])
t[#t] = nil
print(#t)
local u = {}
for i = 1, 100 do u[i] = i * i end
print(#u, u[50], u[100])
local s = 0
for i, v in ipairs(u) do s = s + v end
print(s)
local w = {[1] = "a", [2] = "b", [3] = "c"}
print(#w, w[2])
local mixed = {1, 2, x = "x", 3, [10] = 10}
print(mixed[3], mixed.x, mixed[10])
local nested = {{1, 2}, {3, 4}}
print(nested[2][1], #nested, #nested[1])
local c = {"a", "b", "c", n = 3}
print(c.n, #c)
