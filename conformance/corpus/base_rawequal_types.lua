-- rawequal compares without metamethods, across types
print(rawequal(1, 1), rawequal(1, 2), rawequal(1, "1"), rawequal(1, 1.0))
print(rawequal("abc", "ab" .. "c"), rawequal(true, true), rawequal(nil, false))
local t = setmetatable({}, {__eq = function() return true end})
print(rawequal(t, {}), t == setmetatable({}, getmetatable(t)))
print(pcall(rawequal, 1))
print(pcall(rawequal))
print(rawequal(print, print), rawequal(0/0, 0/0))
