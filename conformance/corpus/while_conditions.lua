-- loop conditions evaluated every iteration, with side effects and short-circuit
local calls = 0
local function cond(limit) calls = calls + 1; return calls <= limit end
while cond(3) do end
print(calls)
local t = {1, 2, 3, nil, 5}
local i = 1
while t[i] and t[i] < 10 do i = i + 1 end
print(i)
local a, b = 0, 10
while a < b and (a + b) % 7 ~= 0 do a = a + 1; b = b - 1 end
print(a, b)
local n = 0
repeat n = n + 1 until n >= 3 and n % 2 == 0
print(n)
