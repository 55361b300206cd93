-- table.remove: default position, explicit positions, edge cases
local t = {1, 2, 3, 4, 5}
print(table.remove(t), #t)
print(table.remove(t, 1), #t, table.concat(t, ","))
print(table.remove(t, 2), #t, table.concat(t, ","))
print(table.remove(t, #t + 1), #t)
print(table.remove(t, #t), #t)
print(table.remove(t), #t)
print(table.remove(t), #t)
-- an empty table: removes t[0] / t[#t]
local e = {}
print(table.remove(e))
local z = {[0] = "zero"}
print(table.remove(z), z[0])
print(table.remove({}, 0), table.remove({}, 1))
local n = {n = 1}
print(table.remove(n, 0))
-- position given as float or string
local u = {"a", "b", "c"}
print(table.remove(u, 2.0), table.remove(u, "1"), u[1], #u)
-- removing returns nil for holes
local h = {1, nil, 3}
print(#h, table.remove(h, 2), h[2], h[3])
-- remove at #t + 1 on a non-empty table
local w = {1, 2}
print(table.remove(w, 3), #w)
-- default position on a table with nil explicit
print(table.remove({7, 8}, nil))
