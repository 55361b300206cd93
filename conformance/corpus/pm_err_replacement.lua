-- errors in gsub replacements
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

show(pcall(string.gsub, "alo", ".", "%2"))
show(pcall(string.gsub, "alo", "(.)", "%2"))
show(pcall(string.gsub, "alo", "(.)(.)", "%3"))
show(pcall(string.gsub, "alo", ".", "%x"))
show(pcall(string.gsub, "alo", ".", "%"))
show(pcall(string.gsub, "alo", ".", "abc%"))
show(pcall(string.gsub, "alo", ".", "% "))
show(pcall(string.gsub, "alo", "x", "%"))
show(pcall(string.gsub, "alo", ".", {a = {}}))
show(pcall(string.gsub, "alo", ".", {a = true}))
show(pcall(string.gsub, "alo", ".", {a = print}))
show(pcall(string.gsub, "alo", ".", {a = coroutine.create(print)}))
show(pcall(string.gsub, "alo", ".", {l = {}}))
show(pcall(string.gsub, "alo", ".", function() return {} end))
show(pcall(string.gsub, "alo", ".", function() return print end))
show(pcall(string.gsub, "alo", "(.", function() return "" end))
show(pcall(string.gsub, "alo", "(.", "%1"))
show(pcall(string.gsub, "alo", "(.", "%0"))
