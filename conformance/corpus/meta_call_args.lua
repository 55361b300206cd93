-- __call with varargs, nested __call, callable as iterator and as metamethod
local c = setmetatable({}, {__call = function(self, ...) return select('#', ...), ... end})
print(c())
print(c(1, nil, 3))
local it = setmetatable({n = 0}, {__call = function(self, state, ctl)
  self.n = self.n + 1
  if self.n <= 3 then return self.n end
end})
for i in it do print("callable iterator", i) end
local h = setmetatable({}, {__index = setmetatable({}, {__call = function() return "never as index" end})})
print(h.x)
local adder = setmetatable({}, {__call = function(_, a, b) return "adder got " .. type(a) .. " " .. type(b) end})
local mt = {__add = adder}
print(pcall(function() return setmetatable({}, mt) + 1 end))
print(pcall(function() local t = setmetatable({}, {__call = 1}); return t() end))
