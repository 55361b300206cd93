-- __index as a table: lookup only for absent keys
local base = {a = 1, b = 2}
local t = setmetatable({b = 20}, {__index = base})
print(t.a, t.b, t.c)
base.c = 3
print(t.c)
t.a = 100
print(t.a, base.a)
print(rawget(t, "a"), rawget(t, "c"))
local arr = setmetatable({}, {__index = {10, 20, 30}})
print(arr[1], arr[3], #arr)
local falsy = setmetatable({x = false}, {__index = {x = "from meta"}})
print(falsy.x)
