-- '^' is right associative, binds tighter than unary minus, always float
print(2 ^ 2 ^ 3, (2 ^ 2) ^ 3, 2 ^ (2 ^ 3))
print(-2 ^ 2, 2 ^ -2, -2 ^ -2)
print(4 ^ 0.5, 27 ^ (1/3) > 2.99, 0 ^ 0, 0 ^ 1, 10 ^ 15, 10 ^ 16)
print(type(2 ^ 2), 2 ^ 2 == 4, (-8) ^ 2)
print(2 ^ 63 == 9223372036854775807 + 1.0, 1 ^ (1/0))
print("2" ^ 2, 2 ^ "0.5" > 1.41)
