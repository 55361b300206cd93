-- table constructors: positional, named, bracketed, separators, trailing calls
local function mr() return "a", "b", "c" end
local t = {1, 2; 3, x = 4, ["y"] = 5, mr()}
print(t[1], t[2], t[3], t.x, t.y, t[4], t[5], t[6], #t)
local u = {mr(), mr()}
print(#u, u[1], u[2], u[4])
local v = {(mr())}
print(#v)
local w = {[1] = "x", "y"}
print(w[1])
local e = {}
print(next(e))
local trailing = {1, 2, 3,}
print(#trailing)
local n = {nil, nil, 3}
print(n[3])
local f = {f = function() return "field fn" end}
print(f.f())
local nest = {a = {b = {c = "deep"}}}
print(nest.a.b.c)
