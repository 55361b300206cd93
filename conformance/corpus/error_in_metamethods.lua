-- errors raised inside metamethods propagate with their own positions
local t = setmetatable({}, {
  __index = function(_, k) error("no key " .. k) end,
  __add = function() error("cannot add", 2) end,
  __call = function() error({reason = "call"}) end,
})
print(pcall(function() return t.x end))
print(pcall(function() return t + 1 end))
local ok, e = pcall(t)
print(ok, e.reason)
local u = setmetatable({}, {__tostring = function() return {} end})
print(pcall(tostring, u))
print(pcall(print, u))
local v = setmetatable({}, {__len = function() local x = nil; return x.y end})
print(pcall(function() return #v end))
