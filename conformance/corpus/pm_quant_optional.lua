-- the '?' quantifier: optional item
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

show(string.find("color", "colou?r"))
show(string.find("colour", "colou?r"))
show(string.find("colouur", "colou?r"))
show(string.match("-12", "^[+-]?%d+$"))
show(string.match("12", "^[+-]?%d+$"))
show(string.match("+-12", "^[+-]?%d+$"))
show(string.match("ab", "(a?)(a?)b"))
show(string.match("b", "(a?)(a?)b"))
show(string.match("aab", "a?a?a?aab"))
show(string.match("x", "x?x?x?x"))
show(string.gsub("abc", "b?", "-"))
show(string.match("$", "%$?"))
