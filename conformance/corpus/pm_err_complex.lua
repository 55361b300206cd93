-- the matcher's depth limit: 'pattern too complex'
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

local a = string.rep("a", 300)
show(pcall(string.find, a, string.rep("a?", 199)))
show(pcall(string.find, a, string.rep("a?", 200)))
show(pcall(string.find, a, string.rep("a-", 199) .. "$"))
show(pcall(string.find, a, string.rep("a-", 200) .. "$"))
show(pcall(string.find, a, string.rep("a*", 199)))
show(pcall(string.find, a, string.rep("a*", 200)))
show(pcall(string.find, a, string.rep("(a)", 32)))
show(pcall(string.find, a, string.rep("(a)", 33)))
show(pcall(string.match, "x", string.rep("x?", 250)))
-- a too-complex pattern leaves the state usable
show(pcall(string.gsub, a, string.rep("a?", 201), "b"))
show(string.find(a, "a+$"))
