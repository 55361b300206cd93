-- assert messages and return values
print(assert(1, "unused"), assert("v"), select('#', assert(1, 2, 3)))
print(pcall(assert, false))
print(pcall(assert, nil))
print(pcall(assert, false, "custom message"))
print(pcall(assert, nil, 42))
local t = {}
local ok, e = pcall(assert, false, t)
print(ok, e == t)
print(pcall(assert))
print(pcall(assert, 1 == 2, "math is broken"))
print(assert(0), assert(""), assert(false == false))
print(pcall(function() assert(false) end))
print(pcall(function() assert(nil, "in function") end))
