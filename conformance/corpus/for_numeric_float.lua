-- numeric for with float bounds or steps yields floats
for i = 1.0, 3 do print(i) end
for i = 1, 2, 0.5 do print(i) end
for i = 0.1, 0.35, 0.1 do print(i > 0) end
for i = 3, 1.5, -0.5 do print(i) end
for i = 1, 2.9 do print("int loop, float limit", i) end
for i = 1, 3.5, 1 do print(i) end
local c = 0
for i = 0.0, 1.0, 0.25 do c = c + 1 end
print("count", c)
