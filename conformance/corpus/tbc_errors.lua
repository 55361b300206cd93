-- errors and to-be-closed variables
local log = {}
local function closer(name, fail)
  return setmetatable({}, {__close = function(self, err)
    log[#log + 1] = name .. " sees " .. tostring(err)
    if fail then error(name .. " failed", 0) end
  end})
end
print(pcall(function()
  local a <close> = closer("a")
  local b <close> = closer("b")
  error("body error", 0)
end))
for i, v in ipairs(log) do print(i, v) end
log = {}
print(pcall(function()
  local a <close> = closer("a")
  local b <close> = closer("b", true)
  error("original", 0)
end))
for i, v in ipairs(log) do print(i, v) end
log = {}
print(pcall(function()
  local a <close> = closer("a", true)
  local b <close> = closer("b", true)
  return "normal"
end))
for i, v in ipairs(log) do print(i, v) end
print(pcall(function() local x <close> = {} end))
print(pcall(function() local x <close> = 42 end))
print(pcall(function() local x <close> = setmetatable({}, {__index = {__close = print}}) end))
