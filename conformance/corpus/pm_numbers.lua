-- numbers as subjects, patterns and replacements
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

show(string.find(12345, 34))
show(string.find(12345, 3.0))
show(string.find(1.5, ".", 1, true))
show(string.match(-12, "%d+"))
show(string.match(1e100, "e(.*)"))
show(string.gsub(1000, 0, 1))
show(string.gsub(3.25, "%.", ","))
show(string.gsub("a", "a", 2^63))
show(string.gsub("a", "a", -0.0))
show(string.gsub("a", "a", 1/0))
show(string.gsub("abc", "%w", {a = 1/0, b = -1/0, c = 2^53}))
for d in string.gmatch(2^24, "%d") do show(d) end
show(string.match(255, "()5"))
