-- Found by lua-fuzz: a string constant named in an error message is quoted
-- byte for byte, even when it is not valid UTF-8.
print(pcall(function() return "\255\128" << 1 end))
print(pcall(function() return 1 | "\u{7FFFFFFF}" end))
print(pcall(function() local t = {} return t["\200"].x end))
