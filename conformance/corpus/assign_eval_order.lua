-- evaluation of the right side happens before any assignment
local log = {}
local function v(x) log[#log + 1] = x; return x end
local t = {}
t[v("k1")], t[v("k2")] = v(1), v(2)
print(t.k1, t.k2)
local a = {}
local i = 1
a[i], i = "first", 2
print(a[1], a[2], i)
local s = {x = 1}
local old = s
s, s.x = {x = 100}, 2
print(s.x, old.x)
local m = setmetatable({}, {__newindex = function(tb, k, val) rawset(tb, k, val * 10) end})
m.a, m.b = 1, 2
print(m.a, m.b)
local n1, n2 = 1
n1, n2 = n2, n1
print(n1, n2)
