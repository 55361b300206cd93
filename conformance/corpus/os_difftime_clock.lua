-- os.difftime and os.clock
print(os.difftime(10, 3), os.difftime(3, 10), os.difftime(0, 0))
print(os.difftime(1 << 62, -(1 << 62)))
print(os.difftime(5.0, "2"))
print(pcall(os.difftime))
print(pcall(os.difftime, 1))
print(pcall(os.difftime, 1.5, 1))
print(pcall(os.difftime, 1, {}))
print(pcall(os.difftime, nil, 1))
local t1 = os.time{year = 2000, month = 10, day = 1, hour = 23, min = 12}
local t2 = os.time{year = 2000, month = 10, day = 1, hour = 23, min = 10, sec = 19}
print(os.difftime(t1, t2))

local c = os.clock()
print(type(c), c >= 0, c == c)
local x = 0
for i = 1, 100000 do x = x + i end
print(os.clock() >= c, x)
