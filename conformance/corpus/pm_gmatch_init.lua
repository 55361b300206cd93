-- string.gmatch's init argument (new in 5.4)
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

local function all(s, p, init)
  local out = ""
  for m in string.gmatch(s, p, init) do out = out .. "[" .. m .. "]" end
  show(init, out)
end
all("10 20 30", "%d+", 1)
all("10 20 30", "%d+", 2)
all("10 20 30", "%d+", 3)
all("10 20 30", "%d+", -2)
all("10 20 30", "%d+", -100)
all("10 20 30", "%d+", 0)
all("10 20 30", "%d+", 8)
all("10 20 30", "%d+", 9)
all("10 20 30", "%d+", 100)
all("11 21 31", "%w*", 9)
all("11 21 31", "%w*", 10)
all("abc", "", 2)
all("abc", "()", 4)
show(pcall(string.gmatch, "abc", "a", "x"))
show(pcall(string.gmatch, "abc", "a", 1.5))
