-- utf8.offset: positions of characters
local s = "a\u{E9}\u{20AC}\u{1F600}z"
for n = -6, 6 do print(n, utf8.offset(s, n)) end
print(utf8.offset(s, 0, 3), utf8.offset(s, 0, 4), utf8.offset(s, 0, 5), utf8.offset(s, 0, 9))
print(utf8.offset(s, 1, 2), utf8.offset(s, 2, 2), utf8.offset(s, -1, 4), utf8.offset(s, 1, #s + 1))
print(utf8.offset("", 1), utf8.offset("", 0), utf8.offset("", -1), utf8.offset("", 2))
print(utf8.offset("abc", 1, -1), utf8.offset("abc", 0, -1))
print(pcall(utf8.offset, s, 1, 3))
print(pcall(utf8.offset, s, -1, 4))
print(pcall(utf8.offset, s, 1, 0))
print(pcall(utf8.offset, s, 1, 20))
print(pcall(utf8.offset, s, 1, -20))
print(pcall(utf8.offset, s))
print(pcall(utf8.offset, s, 1.5))
print(pcall(function() return utf8.offset("\u{E9}", 1, 2) end))
