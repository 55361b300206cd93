-- os.date("!") on years far from now: negative years, year 0, five digits
local times = {-62135596800, -62135596801, -62167219200, -62198755200,
  -99999999999, -1e12, 253402300800, 1e13, 1e15, -1e15}
for _, t in ipairs(times) do
  print(t, os.date("!%Y|%C|%y|%G|%g|%V|%F|%D|%c|%j|%U|%W|%u", t))
end
-- ISO weeks around new year, several years (instants computed in UTC)
local function utc_noon(year)  -- January 1st, 12:00 UTC
  local y = year - 1
  local days = y * 365 + y // 4 - y // 100 + y // 400 - 719162
  return days * 86400 + 43200
end
for year = 2015, 2026 do
  for _, day in ipairs{-3, -2, -1, 0, 1, 2, 3} do
    io.write(os.date("!%F:%G-W%V-%u ", utc_noon(year) + day * 86400))
  end
  print()
end
