-- back-references %1-%9 match a capture's text again
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

show(string.find("hello", "(l)%1"))
show(string.match("say 'hi' or \"yo\"", "(['\"])(.-)%1"))
show(string.match("abcabc", "^(.+)%1$"))
show(string.match("abcab", "^(.+)%1$"))
show(string.match("xyzzy", "(.)%1"))
show(string.match("aXbXc", "%a(%u)%a%1"))
show(string.gsub("a==b===c", "(=+)", "[%1]"))
show(string.match("abab", "(a)(b)%1%2"))
show(string.match("abba", "(a)(b)%2%1"))
show(string.match("aaaa", "(a*)%1"))
show(string.match("aaa", "(a*)%1"))
show(string.match("xx", "()x%1"))
show(string.match("", "(a*)%1"))
show(string.match("a1b2c3d4e5f6g7h8i9ii", "(a).(b).(c).(d).(e).(f).(g).(h).(i).%9"))
