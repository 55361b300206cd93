-- capture errors
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

local function try(p, s) show(p, pcall(string.find, s or "abc", p)) end
try("(")
try("(.")
try("a(")
try(")")
try(".)")
try("(a))")
try("%1")
try("(a)%2")
try("(a%1)")
try("%0")
try("(a)%0")
try("()%1")
try("(()")
try("((a)")
show(pcall(string.match, "abc", "(a"))
show(pcall(string.gmatch("abc", "(a")))
show(pcall(string.gsub, "abc", "(a", "x"))
show(pcall(string.gsub, "abc", "(a", {}))
show(pcall(string.gsub, "abc", "(a", print))
local p = ""
for i = 1, 32 do p = p .. "()" end
show(select('#', string.find("x", p)))
show(pcall(string.find, "x", p .. "()"))
show(pcall(string.find, "x", string.rep("(", 33)))
show(pcall(string.find, "x", string.rep("(", 32)))
