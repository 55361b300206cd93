-- string.format rounds floats exactly as glibc does (to nearest, ties to
-- even on the exact binary value), at every precision.
local fmt = string.format
local values = {0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 2.675, 1e-5, 123456.789, 9.995,
  0.1 + 0.2, 1/3, 2/3, 5e-324, 1.7976931348623157e308, 4503599627370497.5, 0.95, 99.5}
for _, v in ipairs(values) do
  local f, e, g = {}, {}, {}
  for p = 0, 17, 3 do
    f[#f + 1] = fmt("%." .. p .. "f", v)
    e[#e + 1] = fmt("%." .. p .. "e", v)
    g[#g + 1] = fmt("%." .. p .. "g", v)
  end
  print(fmt("%.17g", v))
  print("", f[1], f[2], f[3], f[4], f[5], f[6])
  print("", e[1], e[2], e[3], e[4], e[5], e[6])
  print("", g[1], g[2], g[3], g[4], g[5], g[6])
end
-- a sweep of small fractions
local line = ""
for i = 1, 64 do
  line = line .. fmt("%.1f %.2e %.2g|", i / 16, i / 64, i / 32)
  if i % 8 == 0 then print(line); line = "" end
end
-- numbers near powers of ten
for k = -5, 25, 3 do
  local v = 10.0 ^ k
  print(k, fmt("%.3g", v), fmt("%.0e", v), fmt("%.2f", v * 0.9999999), fmt("%g", v * 1.0000001))
end
