-- string.format: unknown conversions, specifications cut by the end of the
-- format, "too long" specifications.
local fmt = string.format
for _, f in ipairs{"%t", "%F", "%b", "%n", "%lld", "%ld", "%hd", "%Lf", "%z", "%y", "%5",
    "%-", "%.", "%5.", "%#", "%", "abc%", "%10", "%10.3", "% ", "%é", "%\255"} do
  print(f, pcall(fmt, f, 10))
end
-- a zero byte ends the specification as C sees it
print(pcall(fmt, "%\0d", 1))
print(pcall(fmt, "%5\0d", 1))
-- too long: more than 20 bytes of flags, digits and points
for n = 18, 23 do
  print(n, pcall(fmt, "%" .. string.rep("-", n) .. "d", 1))
end
print(pcall(fmt, "%" .. string.rep("0", 600) .. "d", 10))
print(pcall(fmt, "%1" .. string.rep("0", 600) .. ".3d", 10))
print(pcall(fmt, "%10.1" .. string.rep("0", 600) .. "004d", 10))
print(pcall(fmt, "%" .. string.rep(".", 25) .. "x", 10))
print(pcall(fmt, "%1.100d", 10))
print(pcall(fmt, "%100.3d", 10))
-- "no value" is checked before the specification
print(pcall(fmt, "%" .. string.rep("-", 30) .. "d"))
print(pcall(fmt, "%t"))
-- the text before an error is not produced
print(pcall(fmt, "abc %d %t", 1, 2))
