-- getinfo "r" in call and return hooks: the values passed.
local on = false
local inp, out
local function hook(event)
  if not on then return end
  local ar = debug.getinfo(2, "r")
  local t = {}
  for i = ar.ftransfer, ar.ftransfer + ar.ntransfer - 1 do
    local _, v = debug.getlocal(2, i)
    t[#t + 1] = tostring(v)
  end
  local s = event .. " " .. ar.ftransfer .. " " .. ar.ntransfer .. ":"
  for i = 1, #t do s = s .. " " .. t[i] end
  if event == "return" then out = s else inp = s end
end
local function show() print(inp) print(out) end
debug.sethook(hook, "cr")
-- (Where a native's results sit in its frame is not compared: PUC's
-- tostring leaves its argument below its result, Saturn's does not.)
on = true; select(2, 10, 20, 30, 40); on = false
show()
local function foo(a, ...) return ... end
local function foo1() on = not on; return foo(20, 10, 0) end
foo1(); on = false
show()
local function two(a, b) return a, b, "x" end
on = true; two(7, 8); on = false
show()
local function none() end
on = true; none(); on = false
show()
debug.sethook()
print(debug.getinfo(1, "r").ftransfer, debug.getinfo(1, "r").ntransfer)
