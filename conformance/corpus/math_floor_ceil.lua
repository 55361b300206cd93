-- math.floor and math.ceil: integers when the result fits
local values = {3, -3, 3.0, 3.5, -3.5, 0.5, -0.5, -0.0, 1e100, -1e100, 2^62, 2^63, -2^63,
                math.huge, -math.huge, math.maxinteger, math.mininteger, 2^53 + 0.5}
for _, v in ipairs(values) do
  local f, c = math.floor(v), math.ceil(v)
  print(v, f, math.type(f), c, math.type(c))
end
print(math.floor(0/0) ~= math.floor(0/0), math.ceil(0/0) ~= math.ceil(0/0))
print(math.floor("3.7"), math.ceil("3.2"), math.floor("10"), math.type(math.floor("10")))
print(pcall(math.floor))
print(pcall(math.floor, "x"))
print(pcall(math.ceil, {}))
print(pcall(math.ceil, nil))
