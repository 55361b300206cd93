-- float to integer conversion only when exact (keys, bitwise, for loops)
local t = {}
t[1.0] = "a"; t[2^53] = "b"; t[1.5] = "c"
print(t[1], t[9007199254740992], t[1.5])
print(3.0 | 0, pcall(function() return 3.5 | 0 end))
print(-0.0 | 0, 2^62 | 0)
print(pcall(function() return 2^63 | 0 end))
print(pcall(function() return -2^63 | 0 end))
print(1e15 | 0, 1e15 // 1, 1e15 % 7)
print(tostring(2^53 // 1), 7 // 1.0)
