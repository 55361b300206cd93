-- Table array access: the sieve of Eratosthenes on a boolean array,
-- then filling an integer array and summing it forwards and backwards.
-- Exercises integer-keyed reads and writes in the array part and `#`.

local function sieve(n)
  local composite = {}
  for i = 1, n do
    composite[i] = false
  end
  local count = 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do
        composite[j] = true
      end
    end
  end
  return count
end

local function fill_and_sum(n)
  local a = {}
  for i = 1, n do
    a[i] = i * 3 % 17
  end
  local forward = 0
  for i = 1, #a do
    forward = forward + a[i]
  end
  local backward = 0
  for i = #a, 1, -1 do
    backward = backward + a[i] * i % 7
  end
  return forward + backward
end

local primes = 0
for _ = 1, 240 do
  primes = primes + sieve(100000)
end

local sums = 0
for _ = 1, 200 do
  sums = sums + fill_and_sum(100000)
end

print("sieve", primes, "fill", sums)
