-- a loaded chunk is an ordinary function: call it many times, with fresh locals each time
local f = load("local n = (... or 0) + 1; count = (count or 0) + 1; return n, count")
print(f(1))
print(f(10))
print(f())
local maker = load("return function(x) return function() x = x + 1; return x end end")()
local c1, c2 = maker(0), maker(100)
print(c1(), c1(), c2())
local compiled = {}
for i = 1, 3 do compiled[i] = load("return " .. i .. " * 10") end
print(compiled[1](), compiled[2](), compiled[3]())
