-- table.move: within a table (both directions), into another table
local function show(t, n) local out = {} for i = 1, n do out[i] = tostring(t[i]) end return table.concat(out, ",") end
local t = {1, 2, 3, 4, 5}
print(show(table.move(t, 1, 3, 2), 5))
t = {1, 2, 3, 4, 5}
print(show(table.move(t, 2, 5, 1), 5))
t = {1, 2, 3, 4, 5}
print(show(table.move(t, 1, 5, 3), 7))
t = {1, 2, 3}
local dst = {}
local r = table.move(t, 1, 3, 1, dst)
print(r == dst, show(dst, 3))
print(show(table.move({1, 2, 3}, 1, 0, 1, {"x"}), 1))
print(show(table.move({1, 2, 3}, 2, 1, 1), 3))
-- nil destination means the same table
print(show(table.move({1, 2, 3}, 1, 2, 2, nil), 3))
-- moving to negative and large indices
local m = table.move({1, 2}, 1, 2, -1)
print(m[-1], m[0], m[1], m[2])
local big = table.move({7}, 1, 1, math.maxinteger)
print(big[math.maxinteger])
local low = table.move({[math.mininteger] = 100}, math.mininteger, math.mininteger, 1)
print(low[1])
-- float and string positions
print(show(table.move({1, 2, 3}, 1.0, "2", 3), 4))
-- the same table given explicitly overlapping
local s = {1, 2, 3, 4}
table.move(s, 1, 3, 2, s)
print(show(s, 4))
