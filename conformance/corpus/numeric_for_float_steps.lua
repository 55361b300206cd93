-- float steps and precision in numeric loops
local n = 0
for x = 0, 1, 0.1 do n = n + 1 end
print(n)
for x = 1, 0, -0.25 do print(x) end
local s = 0
for x = 0.5, 2.5 do s = s + x end
print(s)
for x = 1, 2, 1/3 do print(x >= 1) end
for x = -1, 1, 2 do print(x) end
print(pcall(function() for x = 1, 2, 0.0 do end end))
