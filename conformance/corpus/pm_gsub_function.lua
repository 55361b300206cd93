-- gsub with a function: called with the captures
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

show(string.gsub("hello world", "%w+", string.upper))
show(string.gsub("hello world", "%w+", function(w) return w:reverse() end))
show(string.gsub("hello world", "%w+", function() end))
show(string.gsub("hello world", "%w+", function() return nil end))
show(string.gsub("hello world", "%w+", function() return false end))
show(string.gsub("a b", "%w", function(w) return 1 end))
show(string.gsub("a b", "%w", function(w) return 0.5 end))
show(string.gsub("a b", "%w", function(w) return w, "ignored" end))
show(string.gsub("k1=v1;k2=v2", "(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
show(string.gsub("abc", "()(%a)()", function(a, b, c) return a .. b .. c end))
show(string.gsub("abc", "", function(e) return "[" .. e .. "]" end))
local seen = ""
show(string.gsub("abc", "%a", function(c) seen = seen .. c end), seen)
show(pcall(string.gsub, "abc", "%a", function() return {} end))
show(pcall(string.gsub, "abc", "%a", function() return true end))
show(pcall(string.gsub, "abc", "%a", function() error("stop", 0) end))
local function rev(s) return (string.gsub(s, "(.)(.+)", function(c, rest) return rev(rest) .. c end)) end
show(rev("abcdef"), rev(rev("abcdef")))
show(string.gsub("x", "x", print))
