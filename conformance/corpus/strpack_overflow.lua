-- string.pack: "integer overflow" and "unsigned overflow" at each size.
local pack, unpack = string.pack, string.unpack
for i = 1, 7 do
  local umax = (1 << (i * 8)) - 1
  local max = umax >> 1
  local min = ~max
  print(i, pcall(pack, "<I" .. i, -1))
  print(i, pcall(pack, "<I" .. i, min))
  print(i, pcall(pack, ">I" .. i, umax + 1))
  print(i, pcall(pack, ">i" .. i, umax))
  print(i, pcall(pack, ">i" .. i, max + 1))
  print(i, pcall(pack, "<i" .. i, min - 1))
  print(i, unpack(">i" .. i, pack(">i" .. i, max)), unpack("<i" .. i, pack("<i" .. i, min)),
    unpack(">I" .. i, pack(">I" .. i, umax)))
end
-- eight bytes and more never overflow
print(#pack("i8", 0x7fffffffffffffff), #pack("I8", -1), pack("I8", -1) == string.rep("\xff", 8))
print(select("#", pack("I9", -1)), string.byte(pack("<I9", -1), 9), string.byte(pack("<i9", -1), 9))
-- the argument number in the message counts only value options
print(pcall(pack, "<!2 x i1 Xi2 B", 1, 256))
print(pcall(pack, " < > = x b", 1, 256))
print(pcall(pack, "bbB", 1, 2, 256))
