-- A message handler called for a stack overflow runs (with a little room
-- above the limit), and may itself use to-be-closed variables.
local function func2close(f) return setmetatable({}, {__close = f}) end
local function overflow(n) overflow(n + 1) end
local function errorh(m)
  print("handler sees", string.find(m, "stack overflow") ~= nil)
  local x <close> = func2close(function(o) o[1] = 10 end)
  return x
end
local flag, st, obj
local co = coroutine.wrap(function()
  local y <close> = func2close(function(o, msg)
    print("closing y", msg)
    o[1] = 100
    flag = o
  end)
  st, obj = xpcall(overflow, errorh, 0)
end)
co()
print(st, type(obj), obj[1], flag[1])

-- A handler that overflows again: error in error handling.
local function deep(n) return deep(n + 1) + 1 end
print(xpcall(deep, function(m) return deep(0) end, 0))

-- Inside a handler for a stack overflow, overflowing again under pcall is
-- caught as an error in error handling; the handler's result still stands.
local function loop(x) return 1 + loop(x) end
print(xpcall(loop, function(m)
  local st, e = pcall(loop)
  print("inner", st, e)
  return 15
end))
