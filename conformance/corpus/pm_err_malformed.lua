-- malformed pattern errors
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

local function try(p, s) show(p, pcall(string.find, s or "a", p)) end
try("%")
try("a%")
try("[a")
try("[]")
try("[^]")
try("[a%]")
try("[a%")
try("[")
try("[^")
try("%b")
try("%ba")
try("%f")
try("%fa")
try("%f(")
try("a%f")
-- errors come only when the matcher reaches the bad part
try("b[", "a")
try("b%", "a")
try("a[", "")
try("x%b", "y")
show(pcall(string.match, "a", "[a"))
show(pcall(string.gmatch("a", "[a")))
show(pcall(string.gsub, "a", "[a", ""))
show(pcall(string.gsub, "", "%", ""))
