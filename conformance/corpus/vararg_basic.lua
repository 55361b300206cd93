-- varargs: select, '#', expansion in the middle and at the end of lists
local function f(...)
  return select('#', ...), ...
end
print(f())
print(f(nil))
print(f(1, nil, 3))
print(f(nil, nil))
local function g(...) local a, b = ... return a, b end
print(g(1), g(1, 2, 3))
local function h(...) return {...} end
local t = h(1, 2, 3)
print(#t, t[1], t[3])
local function mid(...) return ..., "end" end
print(mid(1, 2, 3))
local function last(...) return "start", ... end
print(last(1, 2, 3))
print((f(1, 2, 3)))
local function count(...) return select('#', ...) end
print(count(f(1, 2)), count((f(1, 2))), count(f(1, 2), 9))
print(count(nil, nil, nil), count(table_x))
