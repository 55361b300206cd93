-- table.concat: separators, ranges, numbers
local t = {"a", "b", "c", "d"}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, "-", 2))
print(table.concat(t, "-", 2, 3))
print(table.concat(t, "-", 3, 3))
print("[" .. table.concat(t, "-", 4, 2) .. "]")
print("[" .. table.concat({}) .. "]")
print("[" .. table.concat({}, "x") .. "]")
-- numbers are converted as tostring does
print(table.concat({1, 2.5, -0.0, 1e100, 2^63, math.mininteger}, " "))
print(table.concat({1, 2, 3}, 0))
print(table.concat({1, 2, 3}, 1.5))
-- range bounds as floats and strings
print(table.concat(t, "", 1.0, "2"))
-- explicit range beyond the border reads nils: error
print(pcall(table.concat, t, "", 1, 5))
-- separators with embedded zeros
local s = table.concat({"x", "y"}, "\0")
print(#s, s:byte(1, -1))
-- large table
local big = {}
for i = 1, 1000 do big[i] = i % 10 end
local joined = table.concat(big)
print(#joined, joined:sub(1, 20), joined:sub(-10))
-- negative ranges
local neg = {[-2] = "m2", [-1] = "m1", [0] = "z"}
print(table.concat(neg, ",", -2, 0))
