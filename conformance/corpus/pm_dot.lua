-- the '.' item matches any byte, including newlines and NUL
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

show(string.match("abc", "."))
show(string.match("\nx", "."))
show(string.match("\0x", "."))
show(string.match("\255", "."))
show(string.match("", "."))
show(string.find("abc", "..."))
show(string.find("abc", "...."))
show(string.gsub("a\0b\nc", ".", "<%0>"))
show(string.match("hello", ".-l"))
show(string.match("hello", ".*l"))
