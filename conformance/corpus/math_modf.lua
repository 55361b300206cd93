-- math.modf: integral part (float, or integer when... ) and fractional part
local values = {3.7, -3.7, 5, -5, 0.0, -0.0, 0.5, -0.5, 1e100, math.huge, -math.huge, 2^63, 1/3}
for _, v in ipairs(values) do
  local i, f = math.modf(v)
  print(v, i, math.type(i), f, math.type(f))
end
local i, f = math.modf(0/0)
print(i ~= i, f ~= f)
print(math.modf("2.5"))
print(pcall(math.modf))
print(pcall(math.modf, "x"))
