-- table.pack
local p = table.pack()
print(p.n, #p, next(p))
p = table.pack(1, 2, 3)
print(p.n, p[1], p[2], p[3])
p = table.pack(nil, nil)
print(p.n, p[1], p[2])
p = table.pack(nil, "x", nil)
print(p.n, p[2])
local function f(...) return table.pack(...) end
p = f(table.unpack({1, 2, 3, nil, 5}, 1, 5))
print(p.n, p[5])
-- pack then unpack round trip
print(table.unpack(table.pack("a", "b", "c")))
-- the table is a fresh table
local a, b = table.pack(), table.pack()
print(a ~= b, getmetatable(a))
-- many values
local big = {}
for i = 1, 300 do big[i] = i end
p = table.pack(table.unpack(big))
print(p.n, p[1], p[300])
