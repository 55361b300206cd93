-- string.format %d and %i: flags '-', '+', ' ', '0', width, precision.
local fmt = string.format
local values = {0, 1, -1, 42, -42, 123456789, 0x7fffffffffffffff, 0x8000000000000000}
local specs = {"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+5d", "%-+6d|",
  "% 05d", "%.3d", "%.0d", "%5.0d|", "%.d", "%8.4d", "%-8.4d|", "%08.4d", "%+.2d",
  "%0-6d|", "%-06d|", "%00d", "%++d", "%  d", "%+ d", "%99d", "%.99d", "%2.5i", "%013i"}
for _, spec in ipairs(specs) do
  local row = {}
  for _, v in ipairs(values) do row[#row + 1] = "[" .. fmt(spec, v) .. "]" end
  print(spec, row[1], row[2], row[3], row[4], row[5])
  print("", row[6], row[7], row[8])
end
