-- numeric for with integer bounds and steps
for i = 1, 3 do print("up", i) end
for i = 3, 1, -1 do print("down", i) end
for i = 1, 10, 4 do print("step4", i) end
for i = 10, 1, -3 do print("stepm3", i) end
for i = 1, 0 do print("never") end
for i = 5, 5 do print("once", i) end
local n = 0
for i = 1, 100 do n = n + i end
print("sum", n)
for i = 1, 3 do local j = i * 2; i = j; print("modified copy", i) end
for i = -3, -1 do print("neg", i) end
