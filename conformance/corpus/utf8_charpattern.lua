-- utf8.charpattern is the pattern of one UTF-8 sequence
print(#utf8.charpattern, utf8.charpattern:byte(1, -1))
print(type(utf8), utf8.char ~= nil, utf8.codes ~= nil)
local names = {}
for k in pairs(utf8) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
