-- string.pack/packsize/unpack: errors in the format itself.
local pack, unpack, packsize = string.pack, string.unpack, string.packsize
for _, f in ipairs{"i0", "i17", "I0", "I17", "!17", "!0", "s0", "s17", "i100", "Xi17", "i3r",
    "r", "c", "cx", "w", "%", "\255", "!4i3", "!8i6", "!3i2", "X", "XXi", "X i", "Xc1", "Xc",
    "X!", "X<", "Xz", "Xx", "b X", "i99999999999", "c1" .. string.rep("0", 40), "c2147483640",
    "!", "!1", "!16i16", "<>= !"} do
  print(string.format("%q", f), pcall(packsize, f))
  local ok, r = pcall(pack, f, 0, 0, 0, 0)
  print("", ok, ok and #r or r)
  print("", pcall(unpack, f, string.rep("\0", 32)))
end
-- the first error met wins, option by option
print(pcall(pack, "i1 i17", 1000))
print(pcall(pack, "i17 i1", 1000))
print(pcall(pack, "b r", "x"))
