-- integer arithmetic wraps around (two's complement)
local maxi = 9223372036854775807
local mini = -9223372036854775807 - 1
-- the literal 9223372036854775808 does not fit: it is a float, so is its negation
print(-9223372036854775808)
print(maxi, mini)
print(maxi + 1 == mini, mini - 1 == maxi)
print(maxi + 1, mini - 1)
print(maxi * 2, mini * -1, -mini)
print(mini // -1, mini % -1)
print(maxi * maxi, mini * mini)
print(9223372036854775807 + 0.0)
print(9223372036854775808, -9223372036854775808)
print(0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000)
print(0x1ffffffffffffffff)
print(maxi // 1, maxi % 2, mini % 2)
print(mini + mini, maxi + maxi)
