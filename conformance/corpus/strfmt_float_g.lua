-- string.format %g and %G: the shorter of %e and %f, trailing zeros
-- removed unless '#'.
local fmt = string.format
local values = {0.0, -0.0, 1.0, 100000.0, 1000000.0, 0.0001, 0.00001, 123456789.0,
  0.1, 1/3, 2^63, 1e-300, 999999.5, 1.5e-5}
for _, spec in ipairs{"%g", "%G", "%.0g", "%#.0g", "%.1g", "%.3g", "%#.3g", "%.10g",
    "%.14g", "%.17g", "%12g", "%-12g|", "%012g", "%+g", "% g", "%#g", "%+.3G"} do
  local row = {}
  for i, v in ipairs(values) do row[i] = fmt(spec, v) end
  print(spec, row[1], row[2], row[3], row[4], row[5])
  print("", row[6], row[7], row[8], row[9], row[10])
  print("", row[11], row[12], row[13], row[14])
end
print(fmt("%g %g %g", 1, "2.5", 2^53))
print(fmt("% .1g", 2^10), fmt("% 1.0E", 100))
print(fmt("%.99g", 0.1))
