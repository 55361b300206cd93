-- a value class with __tostring, __eq, __lt, __le, __add, __concat
local P = {}
P.__index = P
local function point(x, y) return setmetatable({x = x, y = y}, P) end
P.__tostring = function(p) return "(" .. p.x .. "," .. p.y .. ")" end
P.__eq = function(a, b) return a.x == b.x and a.y == b.y end
P.__lt = function(a, b) return a.x < b.x or (a.x == b.x and a.y < b.y) end
P.__le = function(a, b) return not (b < a) end
P.__add = function(a, b) return point(a.x + b.x, a.y + b.y) end
P.__concat = function(a, b) return tostring(a) .. tostring(b) end
local p, q = point(1, 2), point(1, 3)
print(p, q, p + q)
print(p == point(1, 2), p ~= q, p < q, q <= p, p <= p)
print(p .. q, p .. "!", "!" .. q)
local pts = {point(3, 1), point(1, 1), point(2, 5)}
local min = pts[1]
for _, v in ipairs(pts) do if v < min then min = v end end
print("min", min)
