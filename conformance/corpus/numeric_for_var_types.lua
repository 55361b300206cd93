-- the type of the control variable follows the start and step values
for i = 1, 2 do print(i, i == 1 and "int" or "") end
for i = 1.0, 2 do print(i) end
for i = 1, 2.0 do print(i) end
for i = 1, 2, 1.0 do print(i) end
for i = "1", 2 do print(i) end
for i = 1, "2" do print(i) end
for i = 0x10, 0x11 do print(i) end
for i = -1, -2, -0.5 do print(i) end
