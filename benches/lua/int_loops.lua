-- Numeric loops, integer arithmetic: Collatz chain lengths and a
-- linear congruential generator with floor division and modulo.
-- Exercises integer add/mul/idiv/mod, comparisons and numeric `for`.

local LIMIT = 700000

-- Length of the Collatz chain starting at n (counting steps to reach 1).
local function collatz_steps(n)
  local steps = 0
  while n ~= 1 do
    if n % 2 == 0 then
      n = n // 2
    else
      n = 3 * n + 1
    end
    steps = steps + 1
  end
  return steps
end

local longest, longest_start, sum_steps = 0, 0, 0
for n = 1, LIMIT do
  local s = collatz_steps(n)
  sum_steps = sum_steps + s
  if s > longest then
    longest, longest_start = s, n
  end
end

-- A 31-bit LCG, mixed with shifts and xor so bitwise operators run too.
local seed, acc = 12345, 0
for _ = 1, 5000000 do
  seed = (seed * 1103515245 + 12345) % 2147483648
  acc = (acc + (seed >> 7) ~ (seed & 1023)) % 1000000007
end

print("collatz", longest_start, longest, sum_steps)
print("lcg", seed, acc)
