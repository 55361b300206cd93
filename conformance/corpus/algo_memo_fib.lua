-- memoisation with closures and tables; results beyond 2^63 wrap
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v end
    return v
  end
end
local fib
fib = memoize(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(50), fib(90), fib(92), fib(93), fib(100))
local ffib
ffib = memoize(function(n) if n < 2 then return n + 0.0 end return ffib(n - 1) + ffib(n - 2) end)
print(ffib(50), ffib(100))
