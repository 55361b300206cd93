-- empty matches in gsub (Lua 5.4 rules)
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

show(string.gsub("hello world", "", "-"))
show(string.gsub("abc", "%w*", "-"))
show(string.gsub("abc def", "%w*", "-"))
show(string.gsub("abc", "b*", "-"))
show(string.gsub("abc", "x*", "-"))
show(string.gsub("", "x*", "-"))
show(string.gsub("", "", "-"))
show(string.gsub("a,,b", "[^,]*", "<%0>"))
show(string.gsub("  x  ", "%s*", "_"))
show(string.gsub("abc", ".-", "-"))
show(string.gsub("abc", "()", "%1"))
