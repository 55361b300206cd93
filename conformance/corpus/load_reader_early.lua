-- load with a reader function stops reading at the first error that no
-- further text could change (PUC parses as it reads)
local n = 0
local f = load(function() n = n + 1 return "(" end)
print(f, n)
n = 0
print(load(function() n = n + 1 return "local x <const> = 1; x = 2 " end, "=k"))
print(n)
n = 0
print(load(function() n = n + 1 return ({"return ", "1 +", " 2 3", ""})[n] end, "=g"))
print(n)
n = 0
print(load(function() n = n + 1 return ({"x = '", "abc\\", "q' ", "more"})[n] end, "=esc"))
print(n)
n = 0
print(load(function() n = n + 1 return "x = = " end, "=eq"))
print(n)
n = 0
print(load(function() n = n + 1 if n > 1 then return nil end return "x" end, "=c", "b"))
print(n)
n = 0
local pieces = {"local function f() goto out end", " ", "y", " ", "z"}
print(load(function() n = n + 1 return pieces[n] end, "=goto"))
print(n)
n = 0
local ok = load(function() n = n + 1 if n > 5000 then return nil end return "x = 1\n" end)
print(type(ok), n)
