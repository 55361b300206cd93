-- __lt/__le between a table and other types; results converted to boolean
local mt = {__lt = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av < bv
end, __le = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av <= bv and "yes" or nil
end}
local x = setmetatable({v = 5}, mt)
print(x < 10, 10 < x, x > 1, 1 > x, x <= 5, 5 >= x, x >= 6)
print(pcall(function() return x < "str" end))
print(pcall(function() return "a" < {} end))
print(pcall(function() return {} < "a" end))
