-- errors raised while gsub/gmatch run carry the caller's position
-- Prints its arguments on one line; strings are quoted, bytes outside
-- printable ASCII shown as \ddd.
local function show(...)
  local out = ""
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    if type(v) == "string" then
      v = '"' .. v:gsub("[^ -~]", function(c) return "\\" .. c:byte() end) .. '"'
    end
    out = out .. (i > 1 and " " or "") .. tostring(v)
  end
  print(out)
end

show(pcall(function() return string.gsub("abc", "%a", function() return {} end) end))
show(pcall(function() return string.gsub("abc", "%a", setmetatable({}, {__index = function() return true end})) end))
show(pcall(function() return string.gsub("abc", "(%a", function() return 1 end) end))
show(pcall(function() return string.gsub("abc", "(%a", "%1") end))
show(pcall(function() return string.gsub("abc", "(%a", "") end))
show(pcall(function()
  local r = ("abc"):gsub("%a", function(c) if c == "c" then return ("x"):gsub("(", "") end end)
  return r
end))
show(pcall(function() for a in ("abc"):gmatch("%f") do end end))
show(pcall(function() for a in ("abc"):gmatch("(()") do end end))
show(pcall(function() return ("abc"):match("%") end))
show(pcall(function() return ("abc"):find("[") end))
show(pcall(function() return string.gsub("abc", "%a", function(c) error("in callback " .. c) end) end))
local ok, e = pcall(function() return string.gsub("abc", "%a", function(c) error({c}) end) end)
show(ok, type(e), e[1])
