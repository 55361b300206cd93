-- the string library: len, sub, upper, lower, rep, reverse, byte, char,
-- the string metatable and its arithmetic metamethods

-- the metatable and method calls
print(getmetatable("").__index == string, ("abc"):upper(), #string.rep("ab", 3))
local s = "hello"
print(s:len(), s:sub(2, 3), s:byte(1), s:reverse())
print(pcall(function() return s:nosuch() end))
print(pcall(string.len))
print(pcall(string.len, {}))
print(string.len(123), string.len(""), string.len("a\0b"))

-- sub with negative and out-of-range positions
for _, range in ipairs({{1, 3}, {-3, -1}, {0, 100}, {3, 2}, {-100, 2}, {2, -100},
                         {4}, {-2}, {math and 0 or 0, 0}, {6, 10}}) do
  print(range[1], range[2], ("hello"):sub(range[1], range[2]))
end
print(("hello"):sub(math and 2 or 2, nil), ("hello"):sub("2", "3"), ("hello"):sub(2.0))
print(pcall(string.sub, "abc"))
print(pcall(string.sub, "abc", 1.5))
print(pcall(string.sub, "abc", "x"))
print(pcall(string.sub, "abc", 1, {}))
print(("x"):sub(-9223372036854775807 - 1, 9223372036854775807))

-- upper, lower, reverse keep bytes that are not ASCII letters
print(string.upper("abc-XYZ-\200-1") == "ABC-XYZ-\200-1", string.lower("ABC-xyz-\200-1") == "abc-xyz-\200-1")
print(string.upper("\228\246"):byte(1, -1), ("ab\0c"):reverse() == "c\0ba")
print(pcall(string.upper), pcall(string.lower, nil), pcall(string.reverse, true))
print(string.upper(12), string.reverse(1.5))

-- rep
print(string.rep("ab", 3), string.rep("ab", 3, ","), string.rep("ab", 1, ","), "[" .. string.rep("ab", 0) .. "]")
print("[" .. string.rep("ab", -1, ",") .. "]", string.rep("", 5, ""), string.rep("", 3, "-"), string.rep(1, 2, 3))
print(pcall(string.rep, "x", 1e10))
print(pcall(string.rep, "x", 2^62, "yy"))
print(pcall(string.rep, "x"))
print(pcall(string.rep, "x", 1.5))
print(pcall(string.rep, "x", 2, {}))
print(#string.rep("abc", 1000, "--"))

-- byte and char
print(string.byte("ABC"), string.byte("ABC", 2), string.byte("ABC", -1), string.byte("ABC", 1, -1))
print(select("#", string.byte("ABC", 3, 2)), select("#", string.byte("")), string.byte("ABC", -10, 10))
print(string.byte("ABC", 0), select("#", string.byte("ABC", 10)))
print(string.char(), string.char(72, 105), string.char("65", 66.0) , #string.char(0, 255))
print(pcall(string.char, 256))
print(pcall(string.char, 65, -1))
print(pcall(string.char, 1.5))
print(pcall(string.char, "x"))
print(pcall(string.byte, "abc", {}))

-- arithmetic on strings goes through the metamethods
print("10" + 1, "10" - "2", "3" * "4", "2" ^ 2, "7" // "2", "7" % "2", "1" / "2", -"2")
print("0x10" + 0, " 5 " * 1, "1e1" + 0, "10" + 0.5, 10 .. "", "5" // 0.0)
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return 1 - "abc" end))
print(pcall(function() return -"abc" end))
print(pcall(function() return {} + "abc" end))
print(pcall(function() return "abc" * {} end))
print(pcall(function() return "10" % 0 end))
print(pcall(function() return "10" // 0 end))
print(pcall(function() return "3" & 1 end))
print(pcall(function() return ~"3" end))
print(pcall(function() local x = "1.5" return x | 1 end))
local V = setmetatable({}, {__add = function(a, b) return "V+" .. type(a) .. type(b) end,
                            __unm = function() return "negV" end})
print("x" + V, V + "x", "1" + V, -V)
print(pcall(function() return "a\0" + 1 end))
print(getmetatable("").__add("2", "3"), getmetatable("").__unm("4"), getmetatable("").__sub("5"), pcall(getmetatable("").__sub))
print(pcall(getmetatable("").__add, "x"))
