-- os.time reads and writes its table as t.k does: __index and __newindex run
-- (dates in January, results printed as differences, isdst only by type:
-- these depend on the time zone)

local proxy = setmetatable({}, {
  __index = function (_, k) io.write("get ", k, " ") if k == "year" then return 2020 elseif k == "month" then return 1 elseif k == "day" then return 5 end end,
  __newindex = function (t, k, v) io.write("set ", k, "=", k == "isdst" and type(v) or tostring(v), " ") rawset(t, k, v) end})
print(os.time(proxy) - os.time{year=2020, month=1, day=5})
print(proxy.year, proxy.yday)
local inherit = setmetatable({}, {__index = {year = 2021, month = 2, day = 3, hour = 4}})
os.time(inherit)
print(rawget(inherit, "year"), rawget(inherit, "hour"), rawget(inherit, "wday"))
print(pcall(os.time, setmetatable({}, {__index = function (_, k) if k == "year" then return "x" end end})))
print(pcall(os.time, setmetatable({}, {__index = function (_, k) error("no " .. k) end})))
print(pcall(os.time, setmetatable({year=2000, month=1, day=1}, {__newindex = 5})))
