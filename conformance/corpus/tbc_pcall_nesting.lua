-- closing during error propagation through nested pcall frames
local log = {}
local function closer(name)
  return setmetatable({}, {__close = function(_, e) log[#log + 1] = name .. "(" .. tostring(e) .. ")" end})
end
local ok, e = pcall(function()
  local outer <close> = closer("outer")
  local ok2, e2 = pcall(function()
    local inner <close> = closer("inner")
    error("E1", 0)
  end)
  log[#log + 1] = "caught " .. e2
  error("E2", 0)
end)
print(ok, e)
for i, v in ipairs(log) do print(i, v) end
log = {}
local ok3, e3 = pcall(function()
  local a <close> = setmetatable({}, {__close = function(_, err) error("close error replaces " .. tostring(err), 0) end})
  error("first", 0)
end)
print(ok3, e3)
