-- string.pack/unpack of i[n] and I[n] for every size from 1 to 16: sign
-- extension, zero extension, overflow beyond 8 bytes.
local function hex(s)
  local out = ""
  for i = 1, #s do out = out .. string.format("%02x", string.byte(s, i)) end
  return out
end
local pack, unpack, packsize = string.pack, string.unpack, string.packsize
for i = 1, 16 do
  local s = pack("i" .. i, -1)
  print(i, packsize("i" .. i), hex(s), unpack("i" .. i, s), unpack("I" .. i, string.rep("\0", i)))
  print("", hex(pack("<I" .. i, 0xAA)), hex(pack(">I" .. i, 0xAA)), unpack(">I" .. i, pack(">I" .. i, 0xAA)))
  print("", hex(pack("<i" .. i, -2)), hex(pack(">i" .. i, -2)), unpack("<i" .. i, pack("<i" .. i, -2)))
end
-- sign extension of small sizes when unpacking
for i = 1, 7 do
  local s = "\xf0" .. string.rep("\xff", i - 1)
  print(i, unpack("<i" .. i, s), unpack("<I" .. i, s), unpack(">I" .. i, s))
end
local lnum = 0x13121110090807060504030201
for i = 9, 16 do
  local s = pack("<j", lnum)
  local neg = pack("<j", -lnum)
  print(i, unpack("<i" .. i, s .. string.rep("\0", i - 8)), unpack("<i" .. i, neg .. string.rep("\xff", i - 8)),
    unpack(">i" .. i, string.rep("\xff", i - 8) .. neg:reverse()), unpack("<I" .. i, neg .. string.rep("\0", i - 8)))
  print("", pcall(unpack, "<I" .. i, string.rep("\0", i - 1) .. "\1"))
  print("", pcall(unpack, ">i" .. i, "\1" .. string.rep("\0", i - 1)))
  print("", pcall(unpack, "<i" .. i, string.rep("\0", 8) .. string.rep("\xff", i - 8)))
  print("", pcall(unpack, "<I" .. i, string.rep("\xff", i)))
end
print(pcall(unpack, "i16", string.rep("\3", 16)))
-- each byte of a packed value, at sizes 1 to 8
local lstr = "\1\2\3\4\5\6\7\8"
for i = 1, 8 do
  local n = lnum & ~(-1 << (i * 8))
  print(i, pack("<i" .. i, n) == lstr:sub(1, i), pack(">i" .. i, n) == lstr:sub(1, i):reverse(),
    unpack(">i" .. i, lstr:sub(1, i):reverse()) == n)
end
