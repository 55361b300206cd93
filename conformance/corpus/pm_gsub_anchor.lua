-- gsub with an anchored pattern replaces at most once
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

show(string.gsub("aaa", "^a", "b"))
show(string.gsub("aaa", "^a*", "b"))
show(string.gsub("baa", "^a", "b"))
show(string.gsub("abc", "^", "x"))
show(string.gsub("", "^", "x"))
show(string.gsub("abc", "^%w", function(c) return c:upper() end))
show(string.gsub("abc", "^%w", {a = "A"}))
show(string.gsub("abc", "^x*", "-"))
show(string.gsub("abc", "^a", "b", 0))
show(string.gsub("^^", "%^", "v"))
