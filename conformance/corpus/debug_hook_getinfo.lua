-- Inside a hook: level 1 is the hook (namewhat "hook"), level 2 the
-- hooked function with its current line.
local count = 0
local function f(e, l)
  local me = debug.getinfo(1, "n")
  local hooked = debug.getinfo(2, "l")
  count = count + 1
  print(e, l, me.namewhat, me.name, hooked.currentline == l)
end
debug.sethook(f, "l")
local a = 0
a = 1
debug.sethook()
print(count)
local calls = {}
debug.sethook(function(e)
  local i = debug.getinfo(2, "nl")
  calls[#calls + 1] = e .. " " .. tostring(i.name) .. " " .. i.currentline
end, "c")
local function target(x) return x end
target(1)
debug.sethook()
for _, c in ipairs(calls) do print(c) end
local retline
local function retf()
  local x = 1
  return x
end
debug.sethook(function(e) if e == "return" and not retline then retline = debug.getinfo(2, "l").currentline end end, "r")
retf()
debug.sethook()
print(retline)
debug.sethook(function(e, l)
  debug.sethook(function(e2, l2)
    print("second", e2, l2 == debug.getinfo(2, "l").currentline)
    debug.sethook()
  end, "l")
end, "c")
local function trigger() return 1 end
trigger()
print(debug.gethook())
