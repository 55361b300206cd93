-- NUL bytes in subjects and patterns
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

show(string.match("ab\0\1\2c", "[\0-\2]+"))
show(string.match("ab\0\1\2c", "[\0-\0]+"))
show(string.find("b$a", "$\0?"))
show(string.find("abc\0efg", "%\0"))
show(string.match("abc\0efg\0\1e\1g", "%b\0\1"))
show(string.match("abc\0\0\0", "%\0+"))
show(string.match("abc\0\0\0", "%\0%\0?"))
show(string.find("abc\0\0", "\0."))
show(string.find("abcx\0\0abc\0abc", "x\0\0abc\0a."))
show(string.find("a\0b", "\0", 1, true))
show(string.find("a\0b", "b\0"))
show(string.gsub("a\0b\0c", "\0", "0"))
show(string.gsub("abc", "b", "\0"))
show(string.gsub("a\0b", "%z", "Z"))
show(string.match("\0", "%Z"))
show(string.match("x\0y", "x(.)y"))
show(string.find("\0\0", "\0*$"))
show(string.find("a", "[\0]"))
show(string.find("\0", "[^\0]"))
