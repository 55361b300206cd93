-- closures keep their own upvalues
local function counter(start)
  local n = start
  return function() n = n + 1; return n end
end
local a, b = counter(0), counter(100)
print(a(), a(), b(), a(), b())
local function adder(x) return function(y) return x + y end end
local add5 = adder(5)
print(add5(1), add5(10), adder(-1)(1))
local function compose(f, g) return function(...) return f(g(...)) end end
print(compose(add5, add5)(0))
