-- string.dump's errors.
print(pcall(string.dump))
print(pcall(string.dump, nil))
print(pcall(string.dump, 1))
print(pcall(string.dump, "function"))
print(pcall(string.dump, {}))
print(pcall(string.dump, print))
print(pcall(string.dump, string.dump))
print(pcall(string.dump, coroutine.wrap(function() end)))
print(pcall(function() return string.dump(pcall) end))
local ok = pcall(string.dump, function() end, "any true value strips")
print(ok)
-- the strip flag is any value
local f = function() return 1 end
print(#string.dump(f, false) == #string.dump(f), #string.dump(f, nil) == #string.dump(f))
print(#string.dump(f, 0) == #string.dump(f, true), #string.dump(f, true) < #string.dump(f))
print(type(string.dump(f)))
-- methods on a function value are not available, but string.dump is
print(pcall(function() return f:dump() end))
