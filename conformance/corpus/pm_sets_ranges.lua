-- sets with literal bytes and ranges
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

show(string.gsub("hello world 123", "[aeiou]", "*"))
show(string.gsub("hello world 123", "[a-m]", "*"))
show(string.gsub("Hello World", "[A-Z]", "_"))
show(string.gsub("abc-xyz", "[a-c-]", "#"))
show(string.gsub("abc-xyz", "[-a]", "#"))
show(string.gsub("abc-xyz", "[x-]", "#"))
show(string.gsub("a-z", "[a%-z]", "#"))
show(string.gsub("abcz", "[z-a]", "#"))
show(string.gsub("0123456789", "[2-57-8]", "."))
show(string.gsub("\1\2\3\4", "[\2-\3]", "."))
show(string.gsub("\0\1\2c", "[\0-\1]", "."))
show(string.gsub("a]b", "[]]", "."))
show(string.gsub("a]b^", "[]^]", "."))
show(string.gsub("a^b", "[%^]", "."))
show(string.gsub("a^b", "[b^]", "."))
show(string.match("key_name1 = 2", "[%a_][%w_]*"))
