-- string.format %x, %X and %o, with '#', '0', '-', width and precision.
local fmt = string.format
local values = {0, 1, 8, 10, 100, 255, 0xABCD, -1, 0x7fffffffffffffff, 0x8000000000000000}
for _, spec in ipairs{"%x", "%X", "%o", "%#x", "%#X", "%#o", "%8x", "%-8X|", "%08x",
    "%#8x", "%#08x", "%#-8x|", "%.4x", "%#.4x", "%#.0x", "%.0x", "%#.0o", "%#.3o",
    "%#5o", "%#05o", "%#12o", "%#10x", "%#-17X|"} do
  local row = {}
  for i, v in ipairs(values) do row[i] = fmt(spec, v) end
  print(spec, row[1], row[2], row[3], row[4], row[5], row[6], row[7])
  print("", row[8], row[9], row[10])
end
print(fmt("%x", 0.0), fmt("%02x", 0.0), fmt("%08X", 0xFFFFFFFF), fmt("0x%8X", 0x8f000003))
print(fmt("%x", (2^52 | 0) - 1), fmt("%X", 2^53))
for _, bad in ipairs{"%+x", "% x", "%+X", "% o", "%+o"} do
  print(bad, pcall(fmt, bad, 1))
end
