-- Found by lua-fuzz: a string constant named in an error message stops at
-- its first "\0" (PUC formats names as C strings).
print(pcall(function() return "x\0y" << 1 end))
print(pcall(function() return 2 & "\0abc" end))
print(pcall(function() return 1 + "x\0y" end))
print(pcall(function() local t = {} return t["a\0b"].c end))
print(pcall(function() local t = {} t["k\0"].c = 1 end))
print(pcall(function() local t = setmetatable({}, {__index = function() return 1 end}) return t["f\0g"]() end))
