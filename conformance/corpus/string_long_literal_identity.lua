-- Equal long literals of one chunk are one string object (PUC scanner);
-- a string built at run time is another object.
local s1 = "01234567890123456789012345678901234567890123456789"
local function f() return "01234567890123456789012345678901234567890123456789" end
assert(string.format("%p", s1) == string.format("%p", f()))
local sd = "0123456789" .. "0123456789012345678901234567890123456789"
assert(sd == s1 and string.format("%p", sd) ~= string.format("%p", s1))
print("ok")
