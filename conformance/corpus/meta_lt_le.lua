-- __lt and __le
-- NOTE: whether a missing __le is emulated as 'not (b < a)' depends on LUA_COMPAT_LT_LE
-- (on in Debian's 5.4.4, off in the reference 5.4.8 build), so 'p <= q' with only __lt
-- is not tested here.
local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function O(v) return setmetatable({v = v}, mt) end
local x, y = O(1), O(2)
print(x < y, x > y, x <= y, x >= y, x <= O(1), O(1) >= x)
local onlylt = {__lt = function(a, b) return true end}
local p, q = setmetatable({}, onlylt), setmetatable({}, onlylt)
print(p < q, p > q)
local mixed = setmetatable({}, {__lt = function(a, b) return type(a) == "number" end})
print(1 < mixed, mixed < 1, "s" < mixed)
local ret = setmetatable({}, {__le = function() return 0 end})
print(ret <= ret, not (ret <= ret))
print(pcall(function() return {} < {} end))
print(pcall(function() return {} <= 1 end))
