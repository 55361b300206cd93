-- the '-' quantifier: lazy, zero or more
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

show(string.find("aaab", "a-"))
show(string.find("aaab", "a-b"))
show(string.match("<a><b>", "<.->"))
show(string.match("<a><b>", "<(.-)>$"))
show(string.match("aaa", "(a-)(a*)"))
show(string.match("aaa", "(a-)a"))
show(string.match("/* c1 */ x /* c2 */", "/%*(.-)%*/"))
show(string.gsub("/* c1 */ x /* c2 */", "/%*.-%*/", ""))
show(string.match("abc", "a-$"))
show(string.match("abc", ".-$"))
show(string.match("hello world", "^(.-)o"))
show(string.gsub("abc", "%w-", "."))
