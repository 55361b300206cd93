-- ipairs respects __index (since 5.3) and stops at the first nil
local proxy = setmetatable({}, {__index = function(_, i) if i <= 3 then return "v" .. i end end})
for i, v in ipairs(proxy) do print(i, v) end
local partial = setmetatable({1, 2}, {__index = {[3] = "three", [4] = "four"}})
for i, v in ipairs(partial) do print(i, v) end
local stopper = {1, 2, false, 4}
local n = 0
for i, v in ipairs(stopper) do n = i end
print("false does not stop", n)
