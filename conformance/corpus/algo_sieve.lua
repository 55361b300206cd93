-- sieve of Eratosthenes with integer arithmetic and arrays
local function sieve(n)
  local composite = {}
  local primes = {}
  for i = 2, n do
    if not composite[i] then
      primes[#primes + 1] = i
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return primes
end
local p = sieve(100)
local s = ""
for _, v in ipairs(p) do s = s .. v .. " " end
print(s)
print(#sieve(10000))
