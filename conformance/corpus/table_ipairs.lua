-- ipairs stops at the first nil and respects __index
local t = {1, 2, 3, nil, 5}
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)
local p = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * 100 end end})
for i, v in ipairs(p) do print(i, v) end
local f, s, i0 = ipairs({})
print(type(f), i0)
print(f({7, 8}, 0))
print(f({7, 8}, 1))
print(f({7, 8}, 2))
print(pcall(ipairs))
for i, v in ipairs({"x", "y"}) do print(i, v) end
