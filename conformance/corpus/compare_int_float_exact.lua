-- int/float comparisons are exact, not done by converting the integer to float
local big = 9007199254740993
print(big == 2^53, big < 2^53 + 2, big > 2^53, big <= 2^53)
print(9223372036854775807 < 9223372036854775808.0, 9223372036854775807 >= 2^63)
print(-9223372036854775807 - 1 <= -2^63, -9223372036854775807 > -2^63)
print(1 < 1.0000000000000002, 2 > 1.9999999999999998)
local t = {}
t[big] = "int"
print(t[2^53], t[big])
for _, v in ipairs({2^53, 2^53 + 1}) do print(v == big) end
print(3 == 3.0000000000000001, 3 < 3.0000000000000004)
