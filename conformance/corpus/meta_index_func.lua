-- __index as a function receives the table and the key
local log = {}
local t = setmetatable({present = 1}, {__index = function(tbl, k)
  log[#log + 1] = tostring(k)
  if k == "self" then return tbl end
  return k .. "!"
end})
print(t.present, t.foo, t[1], t.self == t)
print(#log, log[1], log[2], log[3])
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.x = defaults.x + 5
print(defaults.x, defaults.y)
local multi = setmetatable({}, {__index = function() return 1, 2, 3 end})
print(multi.k)
local err = setmetatable({}, {__index = function(_, k) error("no field " .. k) end})
print(pcall(function() return err.zz end))
