-- gsub with a table honours __index (tables and functions)
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

local t = setmetatable({}, {__index = function(_, k) return k:upper() end})
show(string.gsub("a alo b hi", "%w%w+", t))
local calls = 0
local counted = setmetatable({x = "raw"}, {__index = function(_, k) calls = calls + 1; return nil end})
show(string.gsub("x y z", "%a", counted), calls)
local chain = setmetatable({}, {__index = setmetatable({a = "A"}, {__index = function(_, k) return "<" .. k .. ">" end})})
show(string.gsub("abc", "%a", chain))
local falsy = setmetatable({}, {__index = function() return false end})
show(string.gsub("abc", "%a", falsy))
local bad = setmetatable({}, {__index = function() return {} end})
show(pcall(string.gsub, "abc", "%a", bad))
local err = setmetatable({}, {__index = function(_, k) error("no key " .. k, 0) end})
show(pcall(string.gsub, "abc", "%a", err))
local pos = setmetatable({}, {__index = function(_, k) return type(k) end})
show(string.gsub("ab", "()", pos))
