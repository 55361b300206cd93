-- string.find's init argument: positive, negative, zero, past the end
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

local s = "abcabc"
for _, init in ipairs({1, 2, 3, 4, 6, 7, 8, 100, 0, -1, -2, -3, -6, -7, -100}) do
  show(init, string.find(s, "b", init), string.find(s, "b", init, true), string.find(s, "", init))
end
show(string.find(s, "", 7))
show(string.find(s, "", 8))
show(string.find(s, "c$", -1))
show(string.find(s, "^a", 4))
show(string.find(s, "^b", 2))
show(string.find(s, "%a+", 3.0))
show(pcall(string.find, s, "a", 1.5))
show(pcall(string.find, s, "a", "x"))
show(string.find(s, "a", "4"))
show(string.find(s, "a", 9007199254740993))
show(string.find(s, "a", -9007199254740993))
