-- string.format: argument errors, and the order of the checks.
local fmt = string.format
print(pcall(fmt))
print(pcall(fmt, nil))
print(pcall(fmt, {}))
print(pcall(fmt, true, 1))
print(pcall(fmt, "%d"))
print(pcall(fmt, "%d %d", 1))
print(pcall(fmt, "%d %s %d", 1, "x"))
for _, v in ipairs{1.5, "1.5", "x", "", 2^63, -2^64, 1e100} do
  print(v, pcall(fmt, "%d", v))
end
print(pcall(fmt, "%d", {}))
print(pcall(fmt, "%x", true))
print(pcall(fmt, "%f", nil))
print(pcall(fmt, "%e", print))
print(pcall(fmt, "%g", "abc"))
print(pcall(fmt, "%c", nil))
print(pcall(fmt, "%d", setmetatable({}, {__name = "MyType"})))
-- numeric strings are numbers for numeric conversions
print(fmt("%d %x %5.1f %g", "10", "0x10", "2.25", " 1e2 "))
print(fmt("%d", "10.0"), fmt("%d", 3.0), fmt("%i", -0.0))
-- for integer conversions the argument is checked before the specification,
-- for '%c' and '%a' after it, for the other float conversions before it
print(pcall(fmt, "%#d", "x"))
print(pcall(fmt, "%#d", 1.5))
print(pcall(fmt, "%05c", "x"))
print(pcall(fmt, "%#5.3c", nil))
print(pcall(fmt, "%100a", "x"))
print(pcall(fmt, "%100e", "x"))
print(pcall(fmt, "%100f", 1))
print(pcall(fmt, "%100s", "a\0"))
print(pcall(fmt, "%100s"))
-- as a method, the format is 'self'
print(pcall(string.format, "%d", "bad"))
local ok, e = pcall(function() return ("%d"):format("bad") end)
print(ok, e)
ok, e = pcall(function() return string.format("%d") end)
print(ok, e)
