-- string.format %q: values without a literal form, and no modifiers.
local fmt = string.format
print(pcall(fmt, "%q", {}))
print(pcall(fmt, "%q", print))
print(pcall(fmt, "%q", coroutine.create(print)))
print(pcall(fmt, "%q %q", 1, {}))
print(pcall(fmt, "%q"))
for _, bad in ipairs{"%10q", "%-q", "%.3q", "%0q", "%#q", "%+q", "% q", "%10.3q", "%.q"} do
  print(bad, pcall(fmt, bad, "x"))
end
-- the modifier check comes before the value check
print(pcall(fmt, "%5q", {}))
-- a __tostring does not give a literal form
local m = setmetatable({}, {__tostring = function() return "x" end})
print(pcall(fmt, "%q", m))
