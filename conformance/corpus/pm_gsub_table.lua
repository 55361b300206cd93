-- gsub with a table: indexed by the first capture
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

local t = {name = "Lua", version = "5.4", n = 1, empty = "", no = false}
show(string.gsub("$name $version", "%$(%w+)", t))
show(string.gsub("$name $missing", "%$(%w+)", t))
show(string.gsub("$n", "%$(%w+)", t))
show(string.gsub("$empty!", "%$(%w+)", t))
show(string.gsub("$no!", "%$(%w+)", t))
show(string.gsub("alo alo", ".", {}))
show(string.gsub("alo alo", "(.)", {a = "AA", l = ""}))
show(string.gsub("alo alo", "(.).", {a = "AA", l = "K"}))
show(string.gsub("alo alo", "((.)(.?))", {al = "AA", o = false}))
show(string.gsub("alo alo", "().", {'x', 'yy', 'zzz'}))
show(string.gsub("abc", "%w", {a = 1, b = 2.5, c = -0.0}))
show(string.gsub("abc", "%w", {a = 10, b = 1e100}))
show(string.gsub("x1 x2", "x(%d)", {["1"] = "one"}))
show(string.gsub("x1 x2", "x(%d)", {[1] = "one"}))
