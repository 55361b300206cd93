-- nested captures are numbered by their opening parenthesis
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

show(string.match("abcd", "((a)(b)((c)(d)))"))
show(string.match("abcd", "(a(b(c(d))))"))
show(string.match("abcd", "(a)((b)c)(d)"))
show(string.match("hello", "(h(()e)(l+))"))
show(string.match("abc", "(()a())"))
show(string.match("aaa", "((a)*)"))
show(string.match("date: 2024", "((%a+): (%d+))"))
