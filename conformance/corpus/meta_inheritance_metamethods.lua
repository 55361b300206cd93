-- metamethods are looked up raw in the metatable: __index on the metatable does not help
local base_mt = {__add = function() return "added" end}
local mt = setmetatable({}, {__index = base_mt})
local t = setmetatable({}, mt)
print(mt.__add ~= nil, pcall(function() return t + 1 end))
local mt2 = {__index = function(_, k) return k end}
mt2.__index = setmetatable({}, {__index = function(_, k) return "deep " .. k end})
local u = setmetatable({}, mt2)
print(u.foo)
local shared = {__tostring = function(self) return "shared " .. self.id end}
local p, q = setmetatable({id = 1}, shared), setmetatable({id = 2}, shared)
print(p, q)
shared.__tostring = function(self) return "changed " .. self.id end
print(p, q)
