-- string.pack alignment: '!' sets the maximum, 'X' aligns to the next
-- option, 'x' pads one byte; alignment counts from the start of the result.
local function hex(s)
  local out = ""
  for i = 1, #s do out = out .. string.format("%02x", string.byte(s, i)) end
  return out
end
local pack, unpack, packsize = string.pack, string.unpack, string.packsize
print(hex(pack(" < i1 i2 ", 2, 3)), packsize("!xXi16"), packsize("!"), packsize("!1 b i8"))
local x = pack(">!8 b Xh i4 i8 c1 Xi8", -12, 100, 200, "\xEC")
print(#x, packsize(">!8 b Xh i4 i8 c1 Xi8"), hex(x))
print(unpack(">!8 c1 Xh i4 i8 b Xi8 XI XH", x))
x = pack(">!4 c3 c4 c2 z i4 c5 c2 Xi4", "abc", "abcd", "xz", "hello", 5, "world", "xy")
print(hex(x))
print(unpack(">!4 c3 c4 c2 z i4 c5 c2 Xh Xi4", x))
x = pack(" b b Xd b Xb x", 1, 2, 3)
print(packsize(" b b Xd b Xb x"), hex(x), unpack("bbXdb", x))
for _, f in ipairs{"!8 xXi8", "!8 xXi2", "!2 xXi2", "!2 xXi8", "!16 xXi16", "!4 b d", "!8 b d",
    "! b d", "!2 b d b", "b d", "!16 b i16", "!16 b i3", "!4 b f", "!8 b s4", "!8 bXs4", "!8 b n",
    "!8 b T", "!8 b h", "!8 b l", "!8 b j", "!8 bXj", "!8 b c5 i4"} do
  print(f, pcall(packsize, f))
  print("", pcall(unpack, f, string.rep("\0", 64)))
end
-- alignment of 's' applies to its length; 'z' and 'c' are not aligned
print(hex(pack("!4 b s4", 1, "ab")), hex(pack("!4 b z b", 1, "ab", 2)), hex(pack("!4 b c2 i4", 1, "ab", 3)))
-- alignment after variable-length strings depends on their lengths
print(hex(pack("!4 z i4", "a", 1)), hex(pack("!4 z i4", "abc", 1)), hex(pack("!4 s1 i2", "ab", 1)))
-- alignment is relative to the initial position when unpacking
local data = pack("i4i4i4i4", 1, 2, 3, 4)
for pos = 1, 13 do
  print(pos, unpack("!4 i4", data, pos))
end
