-- building strings with '..' in loops and checking lengths
local s = ""
for i = 1, 100 do s = s .. "ab" end
print(#s)
local parts = {}
for i = 1, 10 do parts[i] = i .. ":" .. i * i end
local joined = ""
for i, p in ipairs(parts) do joined = joined .. (i > 1 and "," or "") .. p end
print(joined)
local long = "x"
for i = 1, 15 do long = long .. long end
print(#long)
local num = 0
for i = 1, 50 do num = num + #tostring(i) end
print(num)
