-- string.match: the captures, or the whole match
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

show(string.match("hello world", "%w+"))
show(string.match("hello world", "%w+", 6))
show(string.match("hello world", "(%w+) (%w+)"))
show(string.match("hello", "xyz"))
show(string.match("hello", ""))
show(string.match("hello", "()ll()"))
show(string.match("  trim me  ", "^%s*(.-)%s*$"))
show(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
show(string.match("x = 10", "^(%a+)%s*=%s*(%d+)$"))
show(string.match("abc", "^(a)", 2))
show(string.match("abc", "c", -1))
show(string.match("abc", "a", 10))
show(string.match("abc", "", 4))
show(string.match("abc", "", 5))
show(string.match("a.b", "%."))
show(string.match("a.b", "."))
show(string.match("price: $42", "%$(%d+)"))
show(string.match(12345, "3(4)"))
show(string.match("x12y", 2))
