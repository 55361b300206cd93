-- string.format %s honours __tostring and __name.
local fmt = string.format
local m = setmetatable({}, {__tostring = function() return "hello" end, __name = "hi"})
print(fmt("%s %.10s", m, m), fmt("%-8s|", m), fmt("%.2s", m))
local named = setmetatable({}, {__name = "MyType"})
print(fmt("%.8s", named), fmt("%s", named):sub(1, 8))
local notstring = setmetatable({}, {__name = 42})
print(fmt("%.5s", notstring))
-- __tostring may return a number
local num = setmetatable({}, {__tostring = function() return 42 end})
print(fmt("[%s] [%5s]", num, num))
-- or fail
local bad = setmetatable({}, {__tostring = function() return {} end})
print(pcall(fmt, "%s", bad))
local none = setmetatable({}, {__tostring = function() end})
print(pcall(fmt, "%s", none))
local raises = setmetatable({}, {__tostring = function() error("inside tostring") end})
print(pcall(fmt, "a%sb", raises))
local raises_value = setmetatable({}, {__tostring = function() error({code = 7}) end})
local ok, e = pcall(fmt, "%s", raises_value)
print(ok, type(e), e.code)
-- several metamethods in one format, with other conversions around them
local count = 0
local counter = setmetatable({}, {__tostring = function() count = count + 1; return "#" .. count end})
print(fmt("%d %s %s %5.1f %s %q", 1, counter, counter, 2.5, counter, "q"))
print(count)
-- __tostring results meet the modifiers' checks afterwards
local zeros = setmetatable({}, {__tostring = function() return "a\0b" end})
print(pcall(fmt, "%10s", zeros))
print(fmt("%s", zeros) == "a\0b")
print(pcall(fmt, "%05s", m))
-- __tostring called with the value, and only for %s
local seen
local self_check = setmetatable({}, {__tostring = function(v) seen = v; return "me" end})
print(fmt("%s", self_check), seen == self_check)
print(pcall(fmt, "%d", self_check))
-- a string metatable's __tostring also applies to strings and numbers do not
local smt = getmetatable("")
smt.__tostring = function(s) return "<" .. #s .. ">" end
local with_meta = fmt("%s|%5s|%s", "abc", "de", 12)
smt.__tostring = nil
print(with_meta, fmt("%s", "abc"))
