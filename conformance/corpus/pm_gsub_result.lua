-- gsub's results: the subject unchanged when nothing changed, the count
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

local s = string.rep("a", 50)
show(string.gsub(s, "b", "c") == s)
show(select(2, string.gsub(s, "a", "a")))
show(select(2, string.gsub(s, "a", {})))
show(select(2, string.gsub(s, "a", function() end)))
show(select(2, string.gsub(s, "a", "b", 10)))
show(select('#', string.gsub("", "", "")))
show(string.gsub("abc", "(b)", "%1"))
show(string.gsub("abc", "b", {b = "b"}))
show(string.gsub("abc", "b", function(x) return x end))
