-- Count hooks.
local a = 0
debug.sethook(function (e) a = a + 1 end, "", 1)
a = 0; for i = 1, 1000 do end
debug.sethook()
print(1000 < a and a < 1012)
debug.sethook(function (e) a = a + 1 end, "", 4)
a = 0; for i = 1, 1000 do end
debug.sethook()
print(250 < a and a < 255)
debug.sethook(function (e) a = a + 1 end, "", 4000)
a = 0; for i = 1, 1000 do end
debug.sethook()
print(a)
local seen = {}
debug.sethook(function (e, l) seen[#seen + 1] = e .. ":" .. tostring(l) end, "", 3)
local x = 1
x = x + 1
x = x * 2
debug.sethook()
print(#seen > 0, seen[1])
local both = {}
debug.sethook(function (e, l) both[#both + 1] = e end, "l", 1)
local y = 1
y = 2
debug.sethook()
local s = ""
for i = 1, #both do s = s .. both[i] .. " " end
print(s)
debug.sethook(print, "", 2^24 - 1)
print(select(2, debug.gethook()), select(3, debug.gethook()))
debug.sethook()
debug.sethook(print, "", 0)
print(debug.gethook())
debug.sethook(print, "", -5)
print(debug.gethook())
