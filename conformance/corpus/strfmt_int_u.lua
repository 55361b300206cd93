-- string.format %u: the integer's bits read as unsigned.
local fmt = string.format
for _, v in ipairs{0, 1, -1, -2, 4294967295, 0x7fffffffffffffff, 0x8000000000000000, ~(-1 << 64)} do
  print(fmt("%u|%5u|%-5u|%05u|%.8u|%.0u|%3.2u", v, v, v, v, v, v, v))
end
print(fmt("%.u", 0), fmt("%u", 3.0), fmt("%u", "17"), fmt("%u", " 0x10 "))
print(pcall(fmt, "%+u", 1))
print(pcall(fmt, "% u", 1))
print(pcall(fmt, "%#u", 1))
