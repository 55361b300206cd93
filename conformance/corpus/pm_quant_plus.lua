-- the '+' quantifier: greedy, one or more
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

show(string.find("aaab", "a+"))
show(string.find("baaa", "a+"))
show(string.find("bbb", "a+"))
show(string.match("<a><b>", "<.+>"))
show(string.match("abc 123 def", "%d+"))
show(string.match("aaa", "(a+)(a+)"))
show(string.match("aaaa", "(a+)(a+)(a+)"))
show(string.match("a", "(a+)(a+)"))
show(string.gsub("one  two   three", " +", " "))
show(string.match("x=1,y=22", "(%a+)=(%d+)$"))
