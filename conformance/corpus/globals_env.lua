-- globals live in _ENV / _G
x = 10
print(x, _G.x, _ENV.x, _G["x"])
_G.y = 20
print(y)
local function set() z = 30 end
set()
print(z, rawget(_G, "z"))
print(undefined_thing)
_G.x = nil
print(x)
local _ENV = setmetatable({}, {__index = _G})
w = "in new env"
print(w, _G.w)
