-- utf8.char: encodings of 1 to 6 bytes
local function bytes(s) return table.concat({s:byte(1, -1)}, " ") end
print(utf8.char(), #utf8.char())
print(utf8.char(72, 101, 108, 108, 111))
for _, c in ipairs({0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0x110000,
                    0x1FFFFF, 0x200000, 0x3FFFFFF, 0x4000000, 0x7FFFFFFF, 0xD800, 0xDFFF}) do
  print(c, bytes(utf8.char(c)))
end
print(utf8.char(0x48, 0xE4, 0x20AC, 0x1F600) == "H\u{E4}\u{20AC}\u{1F600}")
print(utf8.char(65.0), utf8.char("66"))
print(pcall(utf8.char, -1))
print(pcall(utf8.char, 0x80000000))
print(pcall(utf8.char, math.maxinteger))
print(pcall(utf8.char, 65, -1))
print(pcall(utf8.char, 1.5))
print(pcall(utf8.char, "x"))
print(pcall(utf8.char, 65, nil))
