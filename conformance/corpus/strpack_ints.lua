-- string.pack/unpack of the fixed-size integer options b B h H l L j J T
-- and i I with their default sizes, at both byte orders.
local function hex(s)
  local out = ""
  for i = 1, #s do out = out .. string.format("%02x", string.byte(s, i)) end
  return out
end
local pack, unpack = string.pack, string.unpack
for _, case in ipairs{{"b", 0x7f}, {"b", -0x80}, {"B", 0xff}, {"h", 0x7fff}, {"h", -0x8000},
    {"H", 0xffff}, {"i", 0x7fffffff}, {"i", -0x80000000}, {"I", 0xffffffff},
    {"l", 0x7fffffffffffffff}, {"L", -1}, {"j", 0x8000000000000000}, {"J", -1},
    {"T", 12345}, {"j", 0x0102030405060708}} do
  local opt, v = case[1], case[2]
  local little, big = pack("<" .. opt, v), pack(">" .. opt, v)
  print(opt, v, hex(little), hex(big), unpack("<" .. opt, little), unpack(">" .. opt, big))
end
print(pack("i2", 1) == "\1\0", pack("=i4", 2001) == pack("<i4", 2001))
print(unpack("B", pack("B", 0xff)), unpack("b", pack("b", -1)), unpack("H", pack("h", -1)))
print(unpack("<J", pack("<j", -1)), unpack("<I", pack("<i", -1)))
-- floats with an integer value and numeric strings are integers
print(hex(pack("<i4", 3.0)), hex(pack("<i4", "0x10")), hex(pack("<b", "-1")))
print(pack("<i4", -0.0) == pack("<i4", 0))
