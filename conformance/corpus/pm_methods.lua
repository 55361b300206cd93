-- the pattern functions as string methods
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

local s = "The quick brown fox"
show(s:find("quick"))
show(s:match("(%a+) fox"))
show(s:gsub("%a+", function(w) return #w end))
for w in s:gmatch("%a+") do show(w) end
show(("x=1"):match("(%w)=(%w)"))
show(("abc"):gsub("", "."))
local ok, e = pcall(function() return s:find() end) show(ok, e)
ok, e = pcall(function() return s:match({}) end) show(ok, e)
ok, e = pcall(function() return s:gsub("a", false) end) show(ok, e)
ok, e = pcall(function() return s:gmatch(nil) end) show(ok, e)
ok, e = pcall(function() return s.find() end) show(ok, e)
