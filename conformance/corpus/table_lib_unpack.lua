-- table.unpack: ranges, holes, counts
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 3))
print(table.unpack({1, 2, 3}, 3, 2))
print(select("#", table.unpack({})))
print(select("#", table.unpack({}, 1, 0)))
print(table.unpack({1, nil, 3}, 1, 3))
print(select("#", table.unpack({}, 1, 5)))
print(table.unpack({[0] = "zero", "one"}, 0, 1))
print(table.unpack({[-1] = "m1"}, -1, -1))
print(table.unpack({1, 2, 3}, -1, 1))
print(table.unpack({1, 2}, "1", 2.0))
print(table.unpack({1, 2, 3}, nil, 2))
-- extreme but valid ranges
print(table.unpack({}, math.maxinteger, math.maxinteger))
print(table.unpack({}, math.mininteger, math.mininteger))
print(select("#", table.unpack({}, math.maxinteger - 2, math.maxinteger)))
-- unpack works on any value that can be indexed and measured
print(table.unpack("abc"))
print(select("#", table.unpack("abc")))
-- many values
local big = {}
for i = 1, 500 do big[i] = i end
local count, last = select("#", table.unpack(big)), select(500, table.unpack(big))
print(count, last)
