-- argument errors of find, match, gmatch and gsub
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

show(pcall(string.find))
show(pcall(string.find, "a"))
show(pcall(string.find, {}, "a"))
show(pcall(string.find, "a", {}))
show(pcall(string.find, "a", "a", {}))
show(pcall(string.match))
show(pcall(string.match, "a"))
show(pcall(string.match, nil, "a"))
show(pcall(string.match, "a", "a", "b"))
show(pcall(string.gmatch))
show(pcall(string.gmatch, "a"))
show(pcall(string.gmatch, true, "a"))
show(pcall(string.gsub))
show(pcall(string.gsub, "a"))
show(pcall(string.gsub, "a", "a"))
show(pcall(string.gsub, "a", "a", nil))
show(pcall(string.gsub, "a", "a", true))
show(pcall(string.gsub, "a", "a", coroutine.create(print)))
show(pcall(string.gsub, "a", "a", "b", {}))
show(pcall(string.gsub, "a", "a", nil, "x"))
show(pcall(string.find, setmetatable({}, {__name = "MyType"}), "a"))
local ok, e = pcall(function() local s = "x"; return s:find({}) end) show(ok, e)
ok, e = pcall(function() local s = "x"; return s:gsub("x") end) show(ok, e)
ok, e = pcall(function() return ("x"):gmatch() end) show(ok, e)
ok, e = pcall(function() return string.match(nil, "x") end) show(ok, e)
ok, e = pcall(function() return string.find("x", "%") end) show(ok, e)
ok, e = pcall(function() return ("x"):gsub(".", "%9") end) show(ok, e)
