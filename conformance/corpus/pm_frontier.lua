-- the frontier pattern %f[set]
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

show(string.gsub("THE (quick) fox", "%f[%a]%a+", "W"))
show(string.gsub("THE (quick) fox", "%f[%a]", "|"))
show(string.gsub("THE (quick) fox", "%f[%A]", "|"))
show(string.find("hello", "%f[%z]"))
show(string.find("hello", "%f[^%z]"))
show(string.find("aba", "%f[a%z]"))
show(string.find("aba", "%f[%l%z]"))
show(string.gsub("the cat the cathedral", "%f[%w]cat%f[%W]", "dog"))
show(string.gsub("01abc45de3", "%f[%d]", "."))
show(string.gsub("function", "%f[\1-\255]%w", "."))
show(string.gsub("function", "%f[^\1-\255]", "."))
show(string.match("  word", "%f[%S](%w+)"))
show(string.find("", "%f[%z]"))
show(string.find("", "%f[a]"))
