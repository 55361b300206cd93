-- os.date with "!" (UTC): every C99 conversion at fixed times
local conversions = {"a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G",
  "h", "H", "I", "j", "m", "M", "n", "p", "r", "R", "S", "t", "T", "u", "U",
  "V", "w", "W", "x", "X", "y", "Y", "z", "Z", "%",
  "Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM",
  "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"}
local times = {0, 1, 951782400, 1000000000, 1234567890, 1609459199, 1609632000,
  1735516800, 2147483647, 2147483648, 4102444800, -1, -86400 * 365}
for _, t in ipairs(times) do
  io.write(t, ":")
  for _, c in ipairs(conversions) do
    io.write(" ", c, "=[", os.date("!%" .. c, t), "]")
  end
  io.write("\n")
end

-- every hour for %I %p and every weekday for %a %u %w
for h = 0, 23 do io.write(os.date("!%H=%I%p ", h * 3600)) end
print()
for d = 0, 6 do io.write(os.date("!%a %A %u %w|", d * 86400)) end
print()
for m = 0, 11 do io.write(os.date("!%b %B %h|", m * 31 * 86400)) end
print()

-- plain text, empty formats, embedded zeros, long formats
print(os.date("!", 0) == "", os.date("", 0) == "")
print(os.date("!plain text", 0))
print(os.date("!\0%Y\0", 0) == "\0001970\0")
print(#os.date("!" .. string.rep("%Y", 1000), 0))
print(os.date("!" .. string.rep("%%", 3), 0))
print(os.date("!%Y-%m-%dT%H:%M:%S", 1e9))
print(os.date("!%Y", 1e9 + 0.0))
print(os.date("!%Y", "100000000"))
