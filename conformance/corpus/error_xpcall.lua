-- xpcall with message handlers
local function handler(m) return "handled: " .. tostring(m) end
print(xpcall(function() error("E", 0) end, handler))
print(xpcall(function() return "fine", 2 end, handler))
print(xpcall(function(a, b) return a + b end, handler, 3, 4))
print(xpcall(function() local x = nil; return x.f end, handler))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(error, function(m) return m end, "passthrough", 0))
print(xpcall(function() error("x", 0) end, function(m) return m, "extra" end))
print(pcall(xpcall))
print(pcall(xpcall, print))
local ok, e = xpcall(function() error("E", 0) end, function(m) error("handler failed", 0) end)
print(ok, type(e))
print(xpcall(function() error("again", 0) end, function(m) return m .. "!" end))
local depth = 0
print(xpcall(function() error("lvl") end, function(m) depth = depth + 1; return m end), depth)
