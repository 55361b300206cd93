-- seeded sequences over many seeds and range sizes (PUC's projection
-- draws again when a value falls outside the range: the sequences show it)
local sizes = {1, 2, 3, 5, 7, 10, 100, 1000, 2^31 - 1, 2^31, 2^32 + 1, 2^53, 2^62 + 3}
for seed = 1, 12 do
  math.randomseed(seed, seed * 3)
  local out = {}
  for _, size in ipairs(sizes) do out[#out + 1] = math.random(math.tointeger(size)) end
  out[#out + 1] = math.random(-1000, 1000)
  out[#out + 1] = math.random(math.mininteger, 0)
  out[#out + 1] = math.random()
  print(seed, table.concat(out, " "))
end
-- seeds given as negative integers and large second halves
math.randomseed(-7, math.maxinteger)
print(math.random(0), math.random(0), math.random())
math.randomseed(0, 0)
print(math.random(0), math.random(1 << 40), math.random())
