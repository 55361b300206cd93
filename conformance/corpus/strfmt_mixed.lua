-- string.format in ordinary use: tables of aligned columns, messages.
local fmt = string.format
local rows = {{"apples", 3, 0.5}, {"kiwis", 12, 0.25}, {"melons", 1, 3.999}, {"x", -7, -1e-3}}
print(fmt("%-10s|%6s|%9s|", "name", "count", "price"))
for _, r in ipairs(rows) do
  print(fmt("%-10s|%6d|%9.2f|%+.1e|%05X|%q", r[1], r[2], r[3], r[3] * r[2], r[2] & 0xfff, r[1]))
end
print(fmt("%s has %d item%s costing %g (%5.1f%%)", "cart", 3, "s", 12.5, 37.25))
print(fmt("[%3d%%] %s", 50, "half"))
local t = {}
for i = 1, 10 do t[i] = fmt("%02d:%02d", i * 7 % 24, i * 13 % 60) end
print(t[1], t[5], t[10])
print(fmt("%5.2s|%.3d|%-+5i|%#o|%#x|% .3e", "hello", 7, 42, 8, 255, 12345.678))
print(fmt("%c%c%c%c", 0x4c, 0x75, 0x61, 0x21) .. fmt("%d", 5.0) .. fmt("%s", 5.0))
print(fmt("%10.4f|%-10.4f|%010.4f|", 3.141592653589793, -2.718281828459045, 1.4142135623730951))
