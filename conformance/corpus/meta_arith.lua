-- arithmetic metamethods and operand order
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
local function val(v) return type(v) == "table" and "v(" .. v.x .. "," .. v.y .. ")" or tostring(v) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__div = function(a, b) return "div " .. val(a) .. " " .. val(b) end
V.__mod = function(a, b) return "mod " .. val(a) .. " " .. val(b) end
V.__pow = function(a, b) return "pow " .. val(a) .. " " .. val(b) end
V.__idiv = function(a, b) return "idiv " .. val(a) .. " " .. val(b) end
V.__unm = function(a, b) return vec(-a.x, -a.y), rawequal(a, b) end
local a, b = vec(1, 2), vec(3, 4)
print(val(a + b), val(a - b), a * b, val(a * 2), val(3 * a))
print(a / 2, 2 % a, a ^ a, 1 // a)
print(val(-a))
print(pcall(function() return a + 1 end))
print(pcall(function() return {} + 1 end))
print(pcall(function() return 1 + setmetatable({}, {}) end))
local S = setmetatable({}, {__add = function(x, y) return "S+" .. tostring(type(x)) .. type(y) end})
print(S + "str", "str" + S, 1.5 + S)
