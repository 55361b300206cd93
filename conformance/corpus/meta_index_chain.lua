-- __index chains through several tables and functions
local A = {name = "A", onlyA = "a"}
local B = setmetatable({name = "B", onlyB = "b"}, {__index = A})
local C = setmetatable({name = "C"}, {__index = B})
print(C.name, C.onlyB, C.onlyA, C.none)
local calls = 0
local D = setmetatable({}, {__index = function(t, k) calls = calls + 1; return C[k] end})
print(D.onlyA, D.name, calls)
local E = setmetatable({}, {__index = D})
print(E.onlyB, calls)
local loop = {}
setmetatable(loop, {__index = loop})
print(pcall(function() return loop.x end))
local a1 = {}
local a2 = setmetatable({}, {__index = a1})
setmetatable(a1, {__index = a2})
local ok, e = pcall(function() return a1.x end)
print(ok, e)
