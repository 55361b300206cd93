-- utf8.charpattern is the pattern of one UTF-8 sequence
print(#utf8.charpattern, utf8.charpattern:byte(1, -1))
print(type(utf8), utf8.char ~= nil, utf8.codes ~= nil)
local names = {}
for k in pairs(utf8) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
-- iterating characters with the pattern
local s = "a\u{E9}\u{20AC}\u{1F600}z"
for c in s:gmatch(utf8.charpattern) do print(#c, utf8.codepoint(c)) end
print(select(2, s:gsub(utf8.charpattern, "")), utf8.len(s))
print(("\xFF\x80"):find(utf8.charpattern))
