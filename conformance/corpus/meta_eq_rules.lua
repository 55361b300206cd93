-- __eq: result converted to boolean, tried for the second operand too, not for different types
local log = {}
local A = setmetatable({}, {__eq = function(a, b) log[#log + 1] = "A.__eq"; return 1 end})
local B = setmetatable({}, {__eq = function(a, b) log[#log + 1] = "B.__eq"; return false end})
local plain = {}
print(A == B, B == A, #log, log[1], log[2])
print(plain == A, #log, log[3])
print(A ~= B, #log)
print(A == 1, 1 == A, A == "A", #log)
local co = coroutine.create(function() end)
print(co == A, #log)
