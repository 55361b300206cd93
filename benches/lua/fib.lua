-- Recursive calls: the naive Fibonacci function.
-- Almost all time goes to Lua-to-Lua calls and returns, plus one
-- comparison and two subtractions per call.

local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

local N = 36

local total = 0
for n = N - 2, N do
  total = total + fib(n)
end

print("fib checksum", total)
