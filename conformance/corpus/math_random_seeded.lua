-- math.random with a fixed seed draws PUC's xoshiro256** sequence
math.randomseed(42)
print(math.random(1, 100), math.random(1, 100), math.random(1, 100))
math.randomseed(42)
print(math.random(1, 100))
math.randomseed(1234)
local floats = {}
for i = 1, 5 do floats[i] = math.random() end
print(table.concat(floats, " "))
math.randomseed(7)
print(math.random(0), math.random(0), math.random(0))
math.randomseed(7, 99)
print(math.random(10), math.random(1000000), math.random(3, 4))
math.randomseed(-1)
print(math.random(math.mininteger, math.maxinteger), math.random(math.maxinteger))
print(math.random(math.mininteger, -1), math.random(-10, -5), math.random(5, 5))
math.randomseed(0)
local counts = {0, 0, 0, 0, 0, 0}
for i = 1, 6000 do local r = math.random(6); counts[r] = counts[r] + 1 end
print(table.concat(counts, " "))
-- ranges whose size is a power of two (no rejection) and not
math.randomseed(3)
print(math.random(0, 7), math.random(0, 6), math.random(1, 2^40), math.random(0, 2^62))
-- float seeds with an integer value
math.randomseed(5.0)
print(math.random(100))
math.randomseed("5")
print(math.random(100))
