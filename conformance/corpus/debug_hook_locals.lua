-- Locals seen from hooks: in a return hook, and a local function that
-- becomes visible only once defined.
local function collect(level)
  local out = ""
  for i = 1, 20 do
    local n, v = debug.getlocal(level + 1, i)
    if not n or n:sub(1, 1) == "(" then break end
    out = out .. n .. "=" .. (type(v) == "table" and "table" or tostring(v)) .. " "
  end
  return out
end
local function foo(a, b, ...)
  do local x, y, z end
  local c, d = 10, 20
  return
end
debug.sethook(function()
  if debug.getinfo(2, "n").name == "foo" then print(collect(2)) end
end, "r")
foo(100, 200)
debug.sethook()
local code = load[[
  local A = function ()
    return x
  end
  return
]]
debug.sethook(function(e, l)
  print(l, (debug.getlocal(2, 1)))
end, "l")
code()
debug.sethook()
local X
local obj = {}
function obj:f(a, b, ...) local arg = {...}; local c = 13 end
debug.sethook(function(e)
  debug.sethook(function(e, l)
    debug.sethook(nil)
    X = collect(2)
  end, "l")
end, "c")
obj:f(1, 2, 3, 4, 5)
print(X)
print(debug.gethook())
