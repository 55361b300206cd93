-- floor division and modulo: floor semantics with negatives, zero divisors
local function show(a, b)
  local ok1, q = pcall(function() return a // b end)
  local ok2, r = pcall(function() return a % b end)
  print(a, b, ok1, q, ok2, r)
end
show(7, 3) show(-7, 3) show(7, -3) show(-7, -3)
show(7.0, 3) show(-7, 3.0) show(7.5, -2) show(-0.0, 1)
show(1, 0) show(-1, 0) show(0, 0)
-- x % 0.0 is NaN, whose sign (nan or -nan) depends on the build: test it by comparison
local r = 1.0 % 0; print(r ~= r, 1.0 // 0, -1 // 0.0)
show(5, 1/0) show(-5, 1/0) show(5, -1/0)
show(3, 2^53)
print(pcall(function() local z = 0; return 10 // z end))
print(pcall(function() local z = 0; return 10 % z end))
print(1 // 0.0, -1 // 0.0, 1 % (1/0), -1 % (1/0))
print(5.5 % 1, -5.5 % 1, 5 % -0.5)
