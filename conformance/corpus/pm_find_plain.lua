-- string.find without pattern specials, and with plain = true
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

show(string.find("hello world", "o"))
show(string.find("hello world", "o w"))
show(string.find("hello world", "xyz"))
show(string.find("hello world", ""))
show(string.find("", ""))
show(string.find("", "a"))
show(string.find("a.b.c", ".", 1, true))
show(string.find("a.b.c", ".", 3, true))
show(string.find("a+b", "+", 1, true))
show(string.find("50% off", "%", 1, true))
show(string.find("(x)[y]", "[y]", 1, true))
show(string.find("^start", "^s", 1, true))
show(string.find("end$", "d$", 1, true))
show(string.find("aaa", "aa"))
show(string.find("abcabc", "cab"))
show(string.find("abc", "abcd"))
show(string.find("a\0b\0c", "\0c"))
show(string.find("abc", "b", 1, false))
show(string.find("a.c", ".", 1, nil))
show(string.find("a.c", ".", 1, 0))
show(string.find("a.c", ".", 1, "yes"))
