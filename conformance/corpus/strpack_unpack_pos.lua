-- string.unpack: the initial position (negative, past the end) and the
-- next position it returns.
local pack, unpack = string.pack, string.unpack
local x = pack("i4i4i4i4", 1, 2, 3, 4)
for _, pos in ipairs{1, 5, 9, 13, -4, -8, -16, -17, -100, 0} do
  print(pos, unpack("i4", x, pos))
end
for i = 1, #x + 1 do print(i, unpack("c0", x, i)) end
print(pcall(unpack, "c0", x, #x + 2))
print(pcall(unpack, "i4", x, 14))
print(pcall(unpack, "b", "", 1))
print(unpack("", ""), unpack("", "abc"), unpack("", "abc", 4), unpack("  ", "abc", 2))
print(pcall(unpack, "", "abc", 5))
print(pcall(unpack, "b", "abc", 0x7fffffffffffffff))
print(pcall(unpack, "b", "abc", 0x8000000000000000))
print(unpack("b", "abc", 2.0), unpack("b", "abc", "3"))
print(pcall(unpack, "b", "abc", 1.5))
print(pcall(unpack, "b", "abc", "x"))
print(unpack("b", "abc", nil))
local a, b, c, d, e = unpack("zzz", "a\0bb\0ccc\0")
print(a, b, c, d, e)
print(select("#", unpack("bbbbbbbbbb", "0123456789")))
