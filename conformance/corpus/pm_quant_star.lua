-- the '*' quantifier: greedy, zero or more
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

show(string.find("aaab", "a*"))
show(string.find("baaa", "a*"))
show(string.find("aaab", "a*b"))
show(string.find("aaa", "a*a"))
show(string.find("aaa", "a*aaaa"))
show(string.match("<a><b>", "<.*>"))
show(string.match("xyz", "[xy]*"))
show(string.match("123abc", "%d*"))
show(string.match("abc", "%d*"))
show(string.match("aaa", "(a*)(a*)"))
show(string.match("", "a*"))
show(string.gsub("one  two   three", " *", "-"))
