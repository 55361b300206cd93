-- '^' anchors only at the start of a pattern, '$' only at its end
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

show(string.find("abc", "^abc$"))
show(string.find("abc", "^b"))
show(string.find("abc", "c$"))
show(string.find("abc", "b$"))
show(string.find("a^b", "a^b"))
show(string.find("a$b", "a$b"))
show(string.find("a$", "a$$"))
show(string.find("$", "^$"))
show(string.find("", "^$"))
show(string.find("x", "^$"))
show(string.find("abc", "^"))
show(string.find("abc", "$"))
show(string.find("abc", "^", 2))
show(string.find("abc", "^c", 3))
show(string.match("^x", "^^x"))
show(string.gsub("aaa", "^a", "b"))
show(string.gsub("hello world", "^%w+", string.upper))
show(string.gsub("abc", "$", "!"))
show(string.gsub("abc", "^", ">"))
show(string.gsub("abc", "^$", ">"))
show(string.gsub("", "^$", "empty"))
