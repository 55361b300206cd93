-- '/' always produces a float; '//' keeps integers when both operands are integers
print(6 / 3, 7 / 2, -6 / 3, 0 / 5, 1 / 3 * 3)
print(6 // 3, 7 // 2, 6.0 // 3, -0.0 // 1, 0 // -5)
print(9223372036854775807 / 1, 9223372036854775807 // 1)
print(-9223372036854775807 // 2, -9223372036854775807 % 2)
print(3 % -2, -3 % 2, 3.0 % -2, -3.0 % 2, 3 % 2.0)
print(5.3 % 2 > 1.29 and 5.3 % 2 < 1.31, -5.3 % 2 > 0.69 and -5.3 % 2 < 0.71)
print(1e308 % 3, 2^53 % 2, (2^53 + 1) % 2)
for _, p in ipairs({{7, 3}, {-7, 3}, {7, -3}, {-7, -3}}) do
  local a, b = p[1], p[2]
  print(a, b, a // b * b + a % b == a)
end
