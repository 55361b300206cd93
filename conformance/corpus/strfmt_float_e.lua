-- string.format %e and %E: flags, width, precision, rounding.
local fmt = string.format
local values = {0.0, -0.0, 1.0, -1.5, 0.1, 123.456, 1e-10, 6.02214076e23, 2^63,
  1e300, 5e-324, 2.5, 0.000123456789}
for _, spec in ipairs{"%e", "%E", "%.0e", "%#.0e", "%.1e", "%.3E", "%12.3e", "%-12.2e|",
    "%012.2e", "%+e", "% e", "%+.10e", "%.17e", "%#e", "% 012.1E"} do
  local row = {}
  for i, v in ipairs(values) do row[i] = fmt(spec, v) end
  print(spec, row[1], row[2], row[3], row[4], row[5])
  print("", row[6], row[7], row[8], row[9])
  print("", row[10], row[11], row[12], row[13])
end
-- integers and numeric strings are converted to floats
print(fmt("%e|%E|%e", 3, "12", " 0x10 "))
print(fmt("%.99e", 1/3):sub(1, 30), #fmt("%.99e", 1/3))
print(fmt("%.2e|%.2e|%.2e|%.2e", 1.125, 1.135, 1.145, 1.155))
print(fmt("%.0e|%.0e|%.0e|%.0e", 0.5, 1.5, 2.5, 3.5))
