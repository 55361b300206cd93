-- table.sort on numbers: integers, floats, mixed subtypes
local function show(t) local out = {} for i = 1, #t do out[i] = tostring(t[i]) end return table.concat(out, " ") end
local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t) print(show(t))
t = {3.5, -1, 2, 2.0, 1e10, -math.huge, math.huge, 0.5, math.mininteger, math.maxinteger}
table.sort(t) print(show(t))
t = {2^53, 2^53 + 1, math.tointeger(2^53) + 1, 2^53 - 1}
table.sort(t) print(show(t))
t = {1} table.sort(t) print(show(t))
t = {} table.sort(t) print(show(t))
t = {2, 1} table.sort(t) print(show(t))
t = {3, 1, 2} table.sort(t) print(show(t))
-- already sorted, reversed, all equal
t = {} for i = 1, 200 do t[i] = i end table.sort(t) print(t[1], t[100], t[200])
t = {} for i = 1, 200 do t[i] = 201 - i end table.sort(t) print(t[1], t[100], t[200])
t = {} for i = 1, 200 do t[i] = 7 end table.sort(t) print(t[1], t[200])
-- pseudo-random data
local seed = 12345
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
t = {} for i = 1, 2000 do t[i] = rnd() % 1000 - 500 end
table.sort(t)
local ok = true for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
local sum = 0 for i = 1, #t do sum = sum + t[i] * i end
print(ok, t[1], t[1000], t[2000], sum)
-- descending with a comparator
table.sort(t, function(a, b) return a > b end)
print(t[1], t[2000])
