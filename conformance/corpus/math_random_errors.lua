-- math.random argument errors and ranges
math.randomseed(11)
print(pcall(math.random, 2, 1))
print(pcall(math.random, -1))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, 1.5))
print(pcall(math.random, 1, 2.5))
print(pcall(math.random, "x"))
print(pcall(math.random, {}))
print(pcall(math.random, math.maxinteger, math.mininteger))
print(pcall(function() return math.random(1, 2, 3) end))
for i = 1, 100 do
  local r = math.random(3, 5)
  assert(r >= 3 and r <= 5 and math.type(r) == "integer")
  local f = math.random()
  assert(f >= 0 and f < 1 and math.type(f) == "float")
end
print("ranges ok")
print(math.random(1.0, 1), math.random("2", "2"))
