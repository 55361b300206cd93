-- position captures () give integers
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

show(string.match("hello", "()ll()"))
show(string.match("hello", "()"))
show(string.match("hello", "()", 3))
show(string.match("hello", "()$"))
show(string.find("hello", "()()()"))
show(string.match("abc", "a()b()c()"))
show(string.gsub("abc", "()", "%1"))
show(string.gsub("abc", "().", {"x", "yy", "zzz"}))
show(string.gsub("abc", "()(.)", function(p, c) return c .. p end))
for p in string.gmatch("a b c", "()%a") do show(p) end
show(type(string.match("x", "()")))
