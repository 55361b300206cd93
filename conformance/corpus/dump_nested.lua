-- Nested functions, closures and recursion inside a dumped function.
local function outer(n)
  local function inner(x)
    local function deepest(y) return x + y end
    return deepest(x * 2)
  end
  local acc = {}
  for i = 1, n do acc[i] = inner(i) end
  return acc[1], acc[n], #acc
end
print(load(string.dump(outer))(5))
print(load(string.dump(outer, true))(3))
local function counter_factory()
  local function make(start)
    local c = start
    return function() c = c + 1 return c end, function() return c end
  end
  local inc, get = make(10)
  inc() inc()
  return get()
end
print(load(string.dump(counter_factory))())
local nested_src = [[
  return function (x)
    return function (y)
     return function (z)
       return x+y+z
     end
   end
  end
]]
local a = load(nested_src)
print(load(string.dump(a))()(2)(3)(10))
local function self_rec()
  local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
  return fact(10)
end
print(load(string.dump(self_rec))())
-- a dumped function that dumps and loads a function itself
local function inception()
  local g = function(v) return v .. "!" end
  return load(string.dump(g))("deep")
end
print(load(string.dump(inception))())
