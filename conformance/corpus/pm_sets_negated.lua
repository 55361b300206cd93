-- complemented sets [^...]
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

show(string.gsub("hello world", "[^aeiou]", "."))
show(string.gsub("hello world", "[^%s]+", "W"))
show(string.gsub("a]b", "[^]]", "."))
show(string.gsub("a^b", "[^^]", "."))
show(string.gsub("a-b", "[^-]", "."))
show(string.gsub("abc123", "[^%d]", ""))
show(string.gsub("abc123", "[^%D]", ""))
show(string.gsub("a.b,c", "[^%w]", " "))
show(string.gsub("path/to/file.txt", "[^/]+$", "X"))
show(string.match("  word  ", "[^ ]+"))
