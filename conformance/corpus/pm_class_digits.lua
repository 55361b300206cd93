-- classes %d %x and their complements
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

local all = ""
for c = 0, 255 do all = all .. string.char(c) end
-- The bytes of class %x, found three ways.
local function members(class)
  local kept, count = all:gsub("[^%" .. class .. "]", "")
  local viaclass = ""
  for c in all:gmatch("%" .. class) do viaclass = viaclass .. c end
  local n = select(2, all:gsub("%" .. class, ""))
  show(class, count, n, kept == viaclass, kept)
end
for _, c in ipairs({"d", "x", "D", "X"}) do members(c) end
show(string.match("0x1F", "^0x(%x+)$"), string.match("0x1G", "^0x(%x+)$"))
