-- stack overflow inside a coroutine kills only that coroutine
local f = load("local function r(n) local x = {n} return r(n + 1) + 1 end\nreturn r(1)", "=input")
local co = coroutine.create(f)
local ok, e = coroutine.resume(co)
print(ok, e == "input:1: stack overflow", coroutine.status(co))
local co2 = coroutine.wrap(function() return "still fine" end)
print(co2())
local ok2, e2 = pcall(coroutine.wrap(f))
print(ok2, e2 == "input:1: stack overflow")
