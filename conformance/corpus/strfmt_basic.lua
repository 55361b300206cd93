-- string.format: plain text, '%%', empty formats, embedded zeros, formats
-- given as numbers, method calls.
local fmt = string.format
print(fmt(""))
print(fmt("no conversions at all"))
print(fmt("%%"), fmt("100%%"), fmt("%%%%"), fmt("a%%b%%c"))
print(fmt("%d%%", 50))
print(#fmt("a\0b\0c"), fmt("a\0b") == "a\0b")
print(fmt("%s\0%s", "x", "y") == "x\0y")
print(fmt("\0%d\0", 7) == "\0" .. "7\0")
print(fmt(12), fmt(1.5), fmt(-0.0))
print(("%d-%s"):format(3, "x"))
print(("x"):format())
print(fmt("%d %s %d", 1, "two", 3))
-- extra arguments are ignored
print(fmt("%d", 1, 2, 3))
print(fmt("nothing", {}, nil, print))
-- a long format and a long result
local long = string.rep("ab", 500)
print(#fmt(long .. "%d" .. long, 42), fmt(long .. "%d", 42):sub(-4))
print(select("#", fmt("%d", 1)))
