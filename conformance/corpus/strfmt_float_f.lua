-- string.format %f: fixed notation, exact digits (as glibc), flags.
local fmt = string.format
local values = {0.0, -0.0, 1.0, -1.5, 0.1, 123.456, 1e-10, 0.5, 2.5, 1e15, 2^63, 0.045}
for _, spec in ipairs{"%f", "%.0f", "%#.0f", "%.1f", "%.2f", "%.3f", "%10.2f", "%-10.2f|",
    "%010.2f", "%+f", "% f", "%+#014.0f", "%.20f", "%5.f"} do
  local row = {}
  for i, v in ipairs(values) do row[i] = fmt(spec, v) end
  print(spec, row[1], row[2], row[3], row[4], row[5], row[6])
  print("", row[7], row[8], row[9], row[10], row[11], row[12])
end
print(fmt("%f", 10.3), tonumber(fmt("%f", 10.3)) == 10.3)
print(fmt("%.0f|%.0f|%.0f|%.0f|%.0f", 0.5, 1.5, 2.5, 3.5, -0.5))
print(fmt("%.3f", 1e38))
print(fmt("%.1f", 1e23), fmt("%.0f", 2^70), fmt("%.0f", -2^64))
print(#fmt("%.99f", -1e308), fmt("%.99f", -1e308):sub(1, 20))
print(fmt("%.99f", 1/3):sub(-10), #fmt("%.99f", 1/3))
print(fmt("%099.10f", -1.25):sub(1, 12), #fmt("%099.10f", -1.25))
print(fmt("%.2f|%.2f|%.2f", 0.125, 0.375, 2.675))
print(pcall(fmt, "%F", 1.0))
print(pcall(fmt, "%f", "x"))
print(pcall(fmt, "%f"))
