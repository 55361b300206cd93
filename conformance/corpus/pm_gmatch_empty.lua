-- gmatch and empty matches: no empty match right after a match
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

local function all(s, p)
  local out = ""
  for m in string.gmatch(s, p) do out = out .. "[" .. m .. "]" end
  show(p, out)
end
all("abc", "")
all("abc", "%a*")
all("ab cd", "%a*")
all("ab cd", "%a-")
all("ab  cd", " *")
all("abc", "x*")
all("", "")
all("", "x*")
all("a,b,,c", "([^,]*)")
all("hello", "l*")
for a in string.gmatch("abc", "()") do show(a) end
