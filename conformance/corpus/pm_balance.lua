-- %bxy matches balanced runs
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

show(string.find("f(a(b)c)d", "%b()"))
show(string.match("f(a(b)c)d", "%b()"))
show(string.match("f(a(b c)d", "%b()"))
show(string.match("x[[y]]z", "%b[]"))
show(string.match("if x then y end", "%bie"))
show(string.match("'quoted' text", "%b''"))
show(string.match("\"a\" \"b\"", "%b\"\""))
show(string.gsub("a(b)c(d(e))f", "%b()", ""))
show(string.gsub("{a}{b}", "%b{}", "<%0>"))
show(string.match("(((", "%b()"))
show(string.match(")(", "%b()"))
show(string.match("", "%b()"))
show(string.match("(x)", "%b()+"))
show(string.match("(a)(b)", "(%b())(%b())"))
show(string.match("<<a>>", "<(%b<>)>"))
show(string.match("\0a\1", "%b\0\1"))
