-- classes and escapes inside sets
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

show(string.gsub("a1 b2_c3!", "[%a%d]", "."))
show(string.gsub("a1 b2_c3!", "[%w_]+", "W"))
show(string.gsub("a1 b2_c3!", "[%s%p]", "|"))
show(string.gsub("x[y]z", "[%[%]]", "|"))
show(string.gsub("50%", "[%%]", " percent"))
show(string.gsub("a.b-c", "[%.%-]", "/"))
show(string.gsub("aBcD", "[%u]", "_"))
show(string.gsub("aBcD", "[%U]", "_"))
show(string.gsub("tab\there", "[%c]", "^"))
show(string.gsub("hex: 1aF9g", "[%x]+", "H"))
show(string.gsub("a%b", "[%a-z]", "."))
show(string.gsub("a-z", "[a-%z]", "."))
