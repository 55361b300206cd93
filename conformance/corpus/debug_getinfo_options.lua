-- debug.getinfo's option string: every letter, and the errors.
local function keys(t)
  local list = {}
  for _, k in ipairs({"source", "short_src", "linedefined", "lastlinedefined",
      "what", "currentline", "nups", "nparams", "isvararg", "name",
      "namewhat", "ftransfer", "ntransfer", "istailcall", "activelines",
      "func"}) do
    if t[k] ~= nil then list[#list + 1] = k end
  end
  local s = ""
  for i = 1, #list do s = s .. list[i] .. " " end
  return s
end
local function f() end
for _, opt in ipairs({"S", "l", "u", "n", "r", "t", "L", "f", "", "SlutnrLf", "flnSrtu", "ll"}) do
  print(opt, keys(debug.getinfo(1, opt)))
  print(opt, keys(debug.getinfo(f, opt)))
end
print(keys(debug.getinfo(1)))
print(keys(debug.getinfo(f)))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, f, "Sx"))
print(pcall(debug.getinfo, print, "X"))
print(pcall(debug.getinfo, 0, ">"))
print(pcall(debug.getinfo, f, ">S"))
print(pcall(debug.getinfo, 1, 2))
print(pcall(debug.getinfo, 1, {}))
print(pcall(debug.getinfo, 1000, "X"))
print(pcall(function() return debug.getinfo(1, "?") end))
