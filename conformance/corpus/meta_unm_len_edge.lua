-- __unm and __len receive the operand twice; their results are not adjusted
local mt = {__unm = function(a, b) return rawequal(a, b) and "same operand" or "different" end,
            __len = function(a, b) return rawequal(a, b) and 7 or -1 end}
local t = setmetatable({}, mt)
print(-t, #t)
local s = setmetatable({}, {__unm = function() return nil end})
print(-s)
local neg = setmetatable({v = 3}, {__unm = function(x) return setmetatable({v = -x.v}, getmetatable(x)) end})
print((-neg).v, (- -neg).v)
print(pcall(function() return -setmetatable({}, {__add = function() end}) end))
print(pcall(function() return #setmetatable({}, {__unm = function() end}) end))
