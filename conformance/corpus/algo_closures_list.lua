-- functional helpers built from closures
local function map(f, t) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
local function filter(p, t) local r = {} for _, v in ipairs(t) do if p(v) then r[#r + 1] = v end end return r end
local function reduce(f, acc, t) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
local function range(n) local r = {} for i = 1, n do r[i] = i end return r end
local squares = map(function(x) return x * x end, range(10))
local evens = filter(function(x) return x % 2 == 0 end, squares)
print(#squares, #evens, reduce(function(a, b) return a + b end, 0, evens))
local function curry(f) return function(a) return function(b) return f(a, b) end end end
local add = curry(function(a, b) return a + b end)
print(add(3)(4), map(add(10), {1, 2})[2])
