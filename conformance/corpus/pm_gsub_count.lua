-- gsub's fourth argument limits the number of replacements
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

for _, n in ipairs({-1, 0, 1, 2, 3, 4, 100}) do
  show(n, string.gsub("a a a", "a", "b", n))
end
show(string.gsub("abc", "", "-", 2))
show(string.gsub("abc", "x*", "-", 3))
show(string.gsub("abc", "%w", "x", 2.0))
show(string.gsub("abc", "%w", "x", "1"))
show(pcall(string.gsub, "abc", "%w", "x", 1.5))
show(pcall(string.gsub, "abc", "%w", "x", "many"))
show(string.gsub("abc", "%w", "x", nil))
local t = {}
show(string.gsub("first second word", "%w+", function(w) t[#t + 1] = w end, 2), #t)
show(string.gsub("abc", "%w", "x", -9223372036854775807 - 1))
show(string.gsub("abc", "%w", "x", 9223372036854775807))
