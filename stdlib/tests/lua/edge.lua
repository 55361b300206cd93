-- corner cases across the base and coroutine libraries
local function level1() error("at level 2", 2) end
local function caller()
  level1()  -- line 4
end
print(pcall(caller))
local function level3() error("three up", 3) end
local function middle() level3() end
local function top()
  middle()  -- line 10
end
print(pcall(top))
print(tostring(0/0) == tostring(0/0), tostring(1e300 * 1e10), tostring(-1e300 * 1e10), 2^53, 2^63, -2^63)
print(3.0, -0.0, 1e100, 0.1, 1/3, 123456.789e3, 5 // 0.0, -5 // 0.0)
print(0/0, -(0/0))
print(select('#', select(-1, 1)), pcall(select, -1))
print(pcall(select, -9223372036854775807 - 1, 1))
print(tonumber("0x1P-2"), tonumber(".5"), tonumber("5."), tonumber("1e+2"), tonumber("  10  ", 36), tonumber("1_0"))
print(tonumber(" \t\n10\v\f\r "), tonumber("10\0"), tonumber("0x10", 16), tonumber("10", 16.0))
print(tonumber("-0"), tonumber("-0.0"), tonumber("0x-1"), tonumber("- 1"), tonumber("1 e1"))
print(assert(1 == 1, "unused", nil))
print(select('#', assert(true, nil, nil)))
print(pcall(coroutine.wrap(function() coroutine.yield(1, 2) end)))
local w
w = coroutine.wrap(function() local r = w(); return r end)
print(pcall(w))
print(coroutine.resume(coroutine.running()))
print(coroutine.status(coroutine.running()))
local closed = coroutine.create(function() coroutine.yield() end)
coroutine.resume(closed)
coroutine.close(closed)
print(coroutine.status(closed), coroutine.resume(closed))
print(coroutine.wrap(function() return pcall(coroutine.isyieldable) end)())
local e = {}
print(select(2, coroutine.resume(coroutine.create(function() error(e) end))) == e)
print(select(2, pcall(error, e)) == e)
print(xpcall(function(...) return select('#', ...), ... end, print, nil, 2, nil))
print(pcall(load("return 1", "=x", "t", nil)))
print(pcall(load("return x", "=x", "t", nil)))
print(load("return ...", nil, nil, nil)(7))
local count = 0
local deep = setmetatable({}, {__index = function(t, k) count = count + 1; return k < 3 and k or nil end})
for i, v in ipairs(deep) do end
print(count)
local chain = {}
for i = 1, 10 do chain = setmetatable({}, {__index = chain}) end
print(select('#', ipairs(chain)), next(chain))
local loop = setmetatable({}, {})
getmetatable(loop).__index = loop
print(pcall(function() for i, v in ipairs(loop) do end end))
local s = ""
for k, v in pairs({10, 20, 30}) do s = s .. k .. "=" .. v .. ";" end
print(s)
print(rawequal(0.0, -0.0), rawequal(1, 1.5), rawequal(nil, nil), rawequal({}, {}))
print(rawget(setmetatable({}, {__index = function() return 1 end}), 1))
print(type(print) == "function", pcall(type, nil))
print(getmetatable(setmetatable({}, {__metatable = false})))
print(pcall(setmetatable, setmetatable({}, {__metatable = false}), {}))
