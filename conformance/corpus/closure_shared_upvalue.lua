-- closures created in the same scope share the upvalue
local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
print(get()); set(42); print(get())
local get2, set2 = pair()
set2(7); print(get(), get2())
local x = 1
local function f() return x end
x = 2
print(f())
local function outer()
  local y = 10
  local function mid()
    local function inner() y = y + 1; return y end
    return inner
  end
  return mid(), function() return y end
end
local inc, read = outer()
inc(); inc()
print(read())
