-- '#' on sequences and strings (only sequence cases, whose border is unique)
print(#{}, #{1}, #{1, 2, 3}, #{n = 1})
local t = {}
for i = 1, 10 do t[i] = true end
print(#t)
for i = 10, 6, -1 do t[i] = nil end
print(#t)
t[6] = 1
print(#t)
print(#"", #"hello", #"\0\0", #"\u{48}\u{49}")
local s = {"a", "b", n = "c"}
print(#s)
local big = {}
for i = 1, 1000 do big[#big + 1] = i end
print(#big, big[#big])
print(rawlen({1, 2}), rawlen("abc"))
print(pcall(rawlen, 5))
print(pcall(function() local n; return #n end))
