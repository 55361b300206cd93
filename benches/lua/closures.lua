-- Closures: creating many closures that capture locals, calling them,
-- and updating shared upvalues (open while the creator runs, closed
-- after it returns).

-- A counter whose state lives in one upvalue shared by two closures.
local function make_counter(step)
  local count = 0
  local function inc()
    count = count + step
    return count
  end
  local function get()
    return count
  end
  return inc, get
end

-- Composition: each call builds a chain of closures over closures.
local function compose(f, g)
  return function(x)
    return f(g(x))
  end
end

local function adder(n)
  return function(x)
    return x + n
  end
end

local total = 0
for i = 1, 1200000 do
  local inc, get = make_counter(i % 7 + 1)
  inc()
  inc()
  total = total + get()
  local f = compose(adder(i), compose(adder(1), adder(-2)))
  total = total + f(i)
end

-- A loop variable is a fresh local per iteration: each closure sees its own.
local fns = {}
for i = 1, 1000 do
  fns[i] = function(x)
    return x * i
  end
end
local sum = 0
for _ = 1, 6000 do
  for i = 1, #fns do
    sum = sum + fns[i](2)
  end
end

-- Upvalue updates from an inner closure while the outer frame is live.
local function accumulate(n)
  local acc = 0
  local function add(v)
    acc = acc + v
  end
  for i = 1, n do
    add(i)
  end
  return acc
end
local acc = 0
for _ = 1, 1500 do
  acc = acc + accumulate(10000)
end

print("closures", total, sum, acc)
