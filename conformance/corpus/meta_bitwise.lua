-- bitwise metamethods
local mt = {}
local function B(v) return setmetatable({v = v}, mt) end
local function n(x) return type(x) == "table" and x.v or x end
mt.__band = function(a, b) return "band " .. n(a) .. " " .. n(b) end
mt.__bor = function(a, b) return "bor " .. n(a) .. " " .. n(b) end
mt.__bxor = function(a, b) return "bxor " .. n(a) .. " " .. n(b) end
mt.__shl = function(a, b) return "shl " .. n(a) .. " " .. n(b) end
mt.__shr = function(a, b) return "shr " .. n(a) .. " " .. n(b) end
mt.__bnot = function(a, b) return "bnot " .. n(a) .. " " .. tostring(rawequal(a, b)) end
local x = B(6)
print(x & 3, 3 | x, x ~ x, x << 1, 1 >> x, ~x)
print(1.5 & x, x | 2.5)
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return setmetatable({}, {}) | 1 end))
local half = setmetatable({}, {__bor = function() return "only bor" end})
print(half | 1, pcall(function() return half & 1 end))
