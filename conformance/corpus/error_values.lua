-- non-string error values are passed through unchanged
local t = {msg = "table error"}
local ok, e = pcall(error, t)
print(ok, e == t, e.msg)
print(pcall(error, 42))
print(pcall(error, 4.5, 1))
print(pcall(error, true))
print(pcall(error, nil))
print(select('#', pcall(error, nil)))
print(pcall(error, false))
local f = function() end
local ok2, e2 = pcall(error, f)
print(ok2, e2 == f)
local withts = setmetatable({}, {__tostring = function() return "custom error object" end})
local ok3, e3 = pcall(error, withts)
print(ok3, tostring(e3))
print(pcall(error, 42, 1))
print(pcall(function() error(42) end))
