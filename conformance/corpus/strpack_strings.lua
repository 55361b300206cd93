-- string.pack/unpack of strings: s[n] (length-prefixed), z (zero-ended),
-- c[n] (fixed size, zero-padded).
local function hex(s)
  local out = ""
  for i = 1, #s do out = out .. string.format("%02x", string.byte(s, i)) end
  return out
end
local pack, unpack = string.pack, string.unpack
print(hex(pack("s", "alo")), hex(pack(">s2", "alo")), hex(pack("<s1", "")), hex(pack("s16", "x")))
print(unpack("s", pack("s", "alo")), unpack(">s2", pack(">s2", "hello")))
local s = string.rep("abc", 1000)
print(pack("zB", s, 247) == s .. "\0\xF7")
local s1, b = unpack("zB", s .. "\0\xF9")
print(b, s1 == s, unpack("s", pack("s", s)) == s)
for i = 1, 16 do
  local packed = pack("s" .. i, "abc")
  print(i, #packed, unpack("s" .. i, packed))
end
print(pcall(pack, "s1", string.rep("x", 256)))
print(#pack("s1", string.rep("x", 255)), #pack("s2", string.rep("x", 256)))
print(pcall(pack, "z", "alo\0"))
print(hex(pack("z", "")), hex(pack("zz", "a", "bc")), unpack("zz", "a\0bc\0"))
print(hex(pack("c0", "")), hex(pack("c3", "123")), hex(pack("c8", "123456")), #pack("c88", ""))
print(pack("c188", "ab") == "ab" .. string.rep("\0", 186))
print(unpack("c0", ""), unpack("c3", "abcdef"), unpack("c2c2", "abcd"))
print(pcall(pack, "c3", "1234"))
print(pcall(pack, "c", ""))
print(hex(pack("c2", 12)), hex(pack("z", 1.5)), hex(pack("s1", 7)))
print(pcall(pack, "z", {}))
print(pcall(pack, "s"))
print(pcall(pack, "c2", nil))
local a, b2, c = unpack("!4 z c3", "abcdefghi\0xyz")
print(a, b2, c)
print(unpack("z", "\0"), unpack("z", "abc\0def\0"), unpack("zz", "\0\0"))
-- a zero byte ends the format
print(hex(pack("i1\0i2", 1, 2)), string.packsize("i4\0i8"), unpack("b\0b", "\1\2"))
