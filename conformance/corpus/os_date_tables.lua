-- os.date("!*t") and its fields, and the round trip through os.time's
-- normalisation (UTC fields, compared without depending on the time zone)
local function show(t)
  local keys = {"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"}
  for _, k in ipairs(keys) do io.write(k, "=", tostring(t[k]), " ") end
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  print(n)
end

for _, t in ipairs{0, 86399, 951782400, 1e9, 2147483648, -1, -2208988800, 253402300799} do
  show(os.date("!*t", t))
end
show(os.date("!*t\0ignored", 0))
print(os.date("*t!", 0))
print(type(os.date("*t", 0)), type(os.date("*t", 0).isdst))
-- "*t" must be the whole format (after "!")
print(os.date("!x*t", 0))
print(os.date(" *t", 0) == " *t")
