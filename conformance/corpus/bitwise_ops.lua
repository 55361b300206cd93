-- bitwise operators on integers
print(5 & 3, 5 | 3, 5 ~ 3, ~5)
print(1 << 4, 256 >> 4, -1 >> 1, -1 << 63)
print(1 << 63, 1 << 64, 1 << -1, 2 >> -1, 1 >> 64)
print(0xF0 & 0x3C, 0xF0 | 0x0F, 0xFF ~ 0x0F)
print(-1 & 0xFF, -256 | 0xFF, 3 ~ -1)
print(1 << 62, (1 << 63) - 1, 5 >> 0, 5 << 0)
print(7 & 2 | 8, 1 | 2 ~ 3 & 4, 1 << 2 + 1)
print(0x7fffffffffffffff >> 62, -9223372036854775807 - 1 >> 63)
