-- string.find returns the positions, then the captures
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

show(string.find("hello world", "(o)(r)"))
show(string.find("hello world", "(h)(e)(l)(l)(o)"))
show(string.find("key = value", "(%w+)%s*=%s*(%w+)"))
show(string.find("key = value", "()=()"))
show(string.find("abc", "(a)(b)?"))
show(string.find("abc", "((a)(b))"))
show(string.find("abc", "(x*)"))
show(string.find("abc", "()"))
show(string.find("abc", "$"))
show(string.find("abc", "b()", 2))
show(string.find("[[x]]", "%[(%[?)(.-)%]"))
