-- Call and return hooks: events, names and tail calls.
local events = {}
local function hook(e)
  local i = debug.getinfo(2, "nS")
  events[#events + 1] = e .. " " .. tostring(i.name) .. " " .. i.what
end
local function f(x) if x then return x end end
local function g(x) return f(x) end
local function g1(x) g(x) end
local function h(x) local f = g1; return f(x) end
debug.sethook(hook, "cr")
h(false)
debug.sethook()
for _, e in ipairs(events) do print(e) end
events = {}
debug.sethook(hook, "c")
h(true)
local t = setmetatable({}, {__index = function(t, k) return k end})
local _ = t.x
debug.sethook()
for _, e in ipairs(events) do print(e) end
events = {}
debug.sethook(hook, "r")
print(select(2, "a", "b"))
tostring(nil)
debug.sethook()
for _, e in ipairs(events) do print(e) end
local b = 0
debug.sethook(function (e)
  if e == "tail call" then
    b = b + 1
    print("tail", debug.getinfo(2, "t").istailcall)
  else
    print(e, debug.getinfo(2, "t").istailcall)
  end
end, "c")
h(false)
debug.sethook()
print(b)
