-- string.format %a and %A: hexadecimal floats as glibc prints them.
local fmt = string.format
local values = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 0.1, -0.1, 1/3, 255.5, 1e300,
  5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 3, 2^-1074 * 3}
for _, spec in ipairs{"%a", "%A", "%.0a", "%.1a", "%.2a", "%.3a", "%.13a", "%.20a",
    "%#a", "%#.0a", "%20a", "%-20a|", "%020a", "%+a", "% a", "%+.2A", "%.4A"} do
  local row = {}
  for i, v in ipairs(values) do row[i] = fmt(spec, v) end
  print(spec, row[1], row[2], row[3], row[4], row[5], row[6])
  print("", row[7], row[8], row[9], row[10], row[11])
  print("", row[12], row[13], row[14], row[15], row[16])
end
for _, v in ipairs{0.1, -0.1, 1/3, 1e30, -45/247, 3e-20} do
  local s = fmt("%a", v)
  print(s, tonumber(s) == v, tonumber(fmt("%A", v)) == v)
end
print(fmt("%a", 12), fmt("%A", "0.5"))
print(pcall(fmt, "%a", "x"))
print(pcall(fmt, "%a"))
