-- os.time(table): mktime's normalisation of out-of-range fields, written
-- back into the table (dates kept in January, away from daylight saving
-- changes, and times printed only as differences)
local function show(t)
  local keys = {"year", "month", "day", "hour", "min", "sec", "wday", "yday"}
  for _, k in ipairs(keys) do io.write(k, "=", tostring(t[k]), " ") end
  print(type(t.isdst))
end

local base = os.time{year = 2020, month = 1, day = 10, hour = 12}
local cases = {
  {year = 2020, month = 1, day = 10, hour = 12},
  {year = 2020, month = 1, day = 10},
  {year = 2020, month = 1, day = 10, hour = 12, min = 90},
  {year = 2020, month = 1, day = 10, hour = 12, sec = -1},
  {year = 2020, month = 1, day = 10, hour = 36},
  {year = 2020, month = 1, day = 41, hour = 12},
  {year = 2020, month = 1, day = 0, hour = 12},
  {year = 2020, month = 13, day = 10, hour = 12},
  {year = 2020, month = 0, day = 10, hour = 12},
  {year = 2020, month = 25, day = 10, hour = 12},
  {year = 2020, month = 1, day = 10, hour = 12, min = -60 * 24},
  {year = 2020, month = 1, day = 10, hour = 12, sec = 86400 * 366},
  {year = 2020, month = 1, day = 10.0, hour = "12", min = "0"},
  {year = 2021, month = 1, day = 10, hour = 12},
}
for _, t in ipairs(cases) do
  local result = os.time(t)
  io.write(tostring(result - base), " ")
  show(t)
end

-- the example of the manual's tests: -3602 seconds into 2005
local t = {year = 2005, month = 1, day = 1, hour = 1, min = 0, sec = -3602}
os.time(t)
show(t)

-- a February 29th that does not exist becomes March 1st
t = {year = 2021, month = 2, day = 29, hour = 12}
os.time(t)
show(t)
t = {year = 2020, month = 2, day = 29, hour = 12}
os.time(t)
show(t)

-- os.time() is an integer near os.time(os.date("*t"))
local now = os.time()
print(type(now), now == now // 1, os.time(os.date("*t", now)) - now)
print(os.time(nil) - now <= 1)
