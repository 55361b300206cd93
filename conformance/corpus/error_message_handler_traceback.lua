-- message handlers see the original error value and run before unwinding
local seen_level
local function handler(m)
  seen_level = type(m)
  return {wrapped = m}
end
local ok, e = xpcall(function() error("deep error", 0) end, handler)
print(ok, seen_level, e.wrapped)
local ok2, e2 = xpcall(function() local t = nil; return t[1] end, function(m) return "H(" .. m .. ")" end)
print(ok2, e2)
local inner_ran = false
local ok3, e3 = xpcall(function()
  local ok4, e4 = pcall(error, "inner", 0)
  inner_ran = true
  error("outer: " .. e4, 0)
end, function(m) return "caught " .. m end)
print(ok3, e3, inner_ran)
local count = 0
local ok5, e5 = xpcall(function() error(setmetatable({}, {__tostring = function() return "obj" end})) end,
  function(m) count = count + 1; return tostring(m) end)
print(ok5, e5, count)
