-- integer arithmetic keeps the integer subtype
print(1 + 2, 7 - 10, 6 * 7, -5 * 3)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(0 % 5, 5 % 5, -5 % 5)
print(2 ^ 10, 2 ^ 0, 2 ^ -1)
print(10 / 2, 1 / 4, -9 / 3)
print(type(1), type(1 + 2), type(1.5))
print(3 - 3, -(3 - 3), -0)
print(100000000000000 * 10, 123456789 * 987654321)
local a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ^ 2)
print(-a, - -a, -(-a))
