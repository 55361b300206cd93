-- escaped non-alphanumeric bytes stand for themselves; other letters too
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

show(string.find("a.b", "%."))
show(string.find("a%b", "%%"))
show(string.find("a(b", "%("))
show(string.find("a)b", "%)"))
show(string.find("a[b", "%["))
show(string.find("a]b", "%]"))
show(string.find("a*b", "%*"))
show(string.find("a+b", "%+"))
show(string.find("a-b", "%-"))
show(string.find("a?b", "%?"))
show(string.find("a^b", "%^"))
show(string.find("a$b", "%$"))
show(string.find("abq", "%q"))
show(string.find("aBQ", "%Q"))
show(string.find("abB", "%B"))
show(string.find("a b", "% "))
show(string.find("a\0b", "%\0"))
show(string.match("x.y.z", "^(.-)%.(.*)$"))
