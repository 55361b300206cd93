-- string comparison is bytewise; mixed types are errors
print("a" < "b", "a" < "ab", "ab" < "b", "" < "a", "A" < "a")
print("abc" == "abc", "abc" ~= "abd", "Z" < "a", "10" < "9")
print("a\0b" < "a\0c", "a\0" > "a", "\255" > "a")
local function try(f) local ok, e = pcall(f) print(ok, e) end
try(function() return 1 < "2" end)
try(function() return "1" <= 2 end)
try(function() return {} < {} end)
try(function() return nil > 1 end)
try(function() local a; return a < 1 end)
try(function() return true <= false end)
try(function() return print < print end)
print(1 == "1", "1" == 1, {} == {}, nil == false)
