-- equality never converts between types
print(1 == "1", "1" == 1, 0 == false, nil == false, "" == false)
print(1 == 1.0, -0 == 0.0, 2^53 == 2^53 + 0, "a" == "a")
local t = {}
print(t == t, t ~= {}, print == print, print ~= tostring)
local co = coroutine.create(print)
print(co == co, co ~= coroutine.create(print))
print(1 ~= 1.0, "1" ~= 1, nil ~= false)
local a = "x" .. "y"
local b = "xy"
print(a == b, rawequal(a, b))
