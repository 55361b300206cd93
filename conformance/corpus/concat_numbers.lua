-- numbers in concatenation use the same format as tostring
print(1 .. "", 1.0 .. "", -0.0 .. "", 1e15 .. "", 1e16 .. "", 2^63 .. "")
print(0.1 .. "|" .. 1/3 .. "|" .. 100 // 1 .. "|" .. 100 / 1)
print(-1 .. -2, 1 .. -1.5)
local n = 42
print("n=" .. n, n .. "=n", "f=" .. n / 2)
print(pcall(function() return 1 .. nil end))
print(pcall(function() return 1 .. {} end))
print(#(1 .. 2 .. 3))
