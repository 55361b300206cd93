-- loop counts computed in advance: modifying the limit variable has no effect
local limit = 3
local n = 0
for i = 1, limit do limit = 10; n = n + 1 end
print(n, limit)
local step = 1
n = 0
for i = 1, 5, step do step = 100; n = n + 1 end
print(n)
local maxi = 9223372036854775807
n = 0
for i = maxi - 10, maxi, 5 do n = n + 1 end
print(n)
n = 0
for i = -maxi - 1, -maxi + 9, 3 do n = n + 1 end
print(n)
n = 0
for i = 0, maxi, maxi // 2 do n = n + 1 end
print(n)
n = 0
for i = 1.0, 3.0, 0.5 do n = n + 1 end
print(n)
