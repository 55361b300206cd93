-- string.format %s: tostring's rules, precision cuts, width pads.
local fmt = string.format
print(fmt("%s|%s|%s|%s|%s", nil, true, false, 12, 1.5))
print(fmt("%s|%s|%s", -0.0, 1e100, 2^63))
print(fmt("%s %.4s", false, true), fmt("%.3s %.3s", false, true))
print("[" .. fmt("%10s", "abc") .. "]", "[" .. fmt("%-10s", "abc") .. "]")
print("[" .. fmt("%5.2s", "abc") .. "]", "[" .. fmt("%-5.1s", "xyz") .. "]")
print("[" .. fmt("%.0s", "alo") .. "]", "[" .. fmt("%.s", "alo") .. "]", "[" .. fmt("%.10s", "alo") .. "]")
print("[" .. fmt("%2s", "abcdef") .. "]", "[" .. fmt("%99s", "x"):sub(95) .. "]")
print(fmt('"%-50s"', 'a') == '"a' .. string.rep(' ', 49) .. '"')
-- long strings: kept whole without precision, cut with one
local long = string.rep("%", 2000)
print(#fmt("%s", long), #fmt("%5s", long), #fmt("%.20s", long), #fmt("%99.98s", long))
print(fmt("-%.20s.20s", long) == "-" .. string.rep("%", 20) .. ".20s")
print(#fmt("%10s", string.rep("x", 99)), #fmt("%10s", string.rep("x", 100)))
-- strings with zeros are fine without modifiers
print(fmt("%s", "a\0b") == "a\0b", fmt("\0%s\0", "\0\0\1") == "\0\0\0\1\0")
-- numbers in %s are converted as tostring does
print(fmt("%s %s %s", 10, 10.0, -7), fmt("%5s|%-5s|", 1, 2.0))
-- objects: only the type is stable
print(fmt("%s", {}):sub(1, 7), fmt("%.5s", print), fmt("%.6s", coroutine.create(print)))
for _, bad in ipairs{"%05s", "%+s", "%#s", "% s", "%100s", "%0.34s", "%1.100s", "%0.s"} do
  print(bad, pcall(fmt, bad, "x"))
end
print(pcall(fmt, "%s"))
print(pcall(fmt, "%s %s", 1))
