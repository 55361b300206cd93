-- table.insert: appending, inserting at a position, shifting
local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "c")
table.insert(t, 2, "d")
table.insert(t, #t + 1, "e")
print(#t, table.concat(t, ","))
-- inserting nil at the end, and with an explicit position
local u = {1, 2, 3}
table.insert(u, 2, nil)
print(#u, u[1], u[2], u[3], u[4])
-- the value may be any type
local v = {}
table.insert(v, false)
table.insert(v, 1, 1.5)
table.insert(v, {})
print(#v, v[1], v[2], type(v[3]))
-- position given as a float with an integer value, or a numeric string
local w = {10, 20}
table.insert(w, 2.0, 15)
table.insert(w, "1", 5)
print(table.concat(w, " "))
-- inserting into a table with holes uses the border
local h = {1, 2, nil, 4}
table.insert(h, 9)
print(h[1], h[2], h[3], h[4], h[5])
-- many inserts at the front
local f = {}
for i = 1, 10 do table.insert(f, 1, i) end
print(table.concat(f, " "))
