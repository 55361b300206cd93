-- debug.getinfo with stack levels: current lines, what, levels out of
-- range.
local function where(level)
  local t = debug.getinfo(level + 1, "Sl")
  if not t then return "none" end
  return t.what .. " " .. t.short_src .. ":" .. t.currentline
end

local function inner()
  print(where(0))
  print(where(1))
  print(where(2))
  print(where(3))
end
local function outer()
  inner()
end
outer()
print(debug.getinfo(1, "l").currentline)
print(debug.getinfo(0, "S").what, debug.getinfo(0, "n").name)
print(debug.getinfo(100), debug.getinfo(-1), debug.getinfo(1e3))
print(debug.getinfo(1, "f").func ~= nil)
local function level_count()
  local n = 0
  while debug.getinfo(n + 1, "S") and debug.getinfo(n + 1, "S").what ~= "main" do n = n + 1 end
  return n
end
local function a() return level_count() end
local function b() local r = a() return r end
print(b())
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, 1.5))
print(pcall(debug.getinfo, {}))
print(select("#", debug.getinfo(50)))
