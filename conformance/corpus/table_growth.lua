-- tables growing and shrinking: array part, hash part, negative and zero keys
local t = {}
for i = 1, 1000 do t[i] = i end
for i = -10, 0 do t[i] = i end
for i = 1, 100 do t["s" .. i] = i end
local sum, cnt = 0, 0
for k, v in pairs(t) do sum = sum + v; cnt = cnt + 1 end
print(cnt, sum, #t, t[-10], t[0], t.s50)
for i = 1000, 501, -1 do t[i] = nil end
print(#t, t[500], t[501])
local r = {}
for i = 1000, 1, -1 do r[i] = true end
print(#r)
local h = {}
for i = 1, 200 do h[i * 2] = i end
print(h[400], h[401], h[2])
local f = {}
for i = 1, 50 do f[i + 0.5] = i end
print(f[1.5], f[50.5], f[2])
