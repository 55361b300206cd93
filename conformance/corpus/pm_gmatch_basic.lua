-- string.gmatch iterates over matches
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

for w in string.gmatch("one two  three", "%a+") do show(w) end
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do show(k, v) end
for c in string.gmatch("abc", ".") do show(c) end
for x in string.gmatch("", ".") do show("never", x) end
for p, c in string.gmatch("xyz", "()(.)") do show(p, c) end
local it = string.gmatch("a1b2", "%a(%d)")
show(type(it))
show(it())
show(it())
show(it())
show(it())
show(select('#', it()))
for w in string.gmatch("^a^a", "^a") do show(w) end
for w in string.gmatch(12.5, "%d") do show(w) end
local n = 0
for a, b, c in string.gmatch("abcdef", "(.)(.)(.)") do n = n + 1; show(n, a, b, c) end
