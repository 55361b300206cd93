-- gsub with a replacement string: %0-%9 and %%
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

show(string.gsub("hello world", "o", "0"))
show(string.gsub("hello world", "(o)", "[%1]"))
show(string.gsub("hello world", "o", "[%0]"))
show(string.gsub("hello world", "o", "[%1]"))
show(string.gsub("hello world", "(l)(l)", "%2%1"))
show(string.gsub("hello", "", "-"))
show(string.gsub("abc", "%w", "%0%0"))
show(string.gsub("abc", "%w", "%%"))
show(string.gsub("abc", "%w", "100%%"))
show(string.gsub("abc", "b", ""))
show(string.gsub("abc", "x", "y"))
show(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"))
show(string.gsub("abc", "()b()", "%1-%2"))
show(string.gsub("abc", "b", 42))
show(string.gsub("abc", "b", 4.5))
show(string.gsub(12321, 2, 0))
show(string.gsub("a.b.c", "%.", "/"))
show(string.gsub("$1", "%$", "%%%%"))
show(string.gsub("x", "x", "%0%0%0%0%0%0%0%0%0%0"))
show(string.gsub("abcdefghij", "(a)(b)(c)(d)(e)(f)(g)(h)(i)", "%9%8%7%6%5%4%3%2%1"))
