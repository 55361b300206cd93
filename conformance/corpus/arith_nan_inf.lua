-- infinities and NaN comparisons (NaN printing itself differs between builds: compare only)
local inf = 1/0
local nan = 0/0
print(inf, -inf, inf + inf, inf - 1e308, inf * -1)
print(nan ~= nan, nan == nan, nan < 1, nan > 1, nan <= nan)
print(inf == inf, -inf < inf, inf > 9223372036854775807)
print(type(nan), type(inf))
local t = {}
print(pcall(function() t[nan] = 1 end))
print(pcall(rawset, t, 0/0, 1))
print(t[nan])
print(inf // 1, -inf // 1, 1 % inf)
print(pcall(function() return inf | 0 end))
print(pcall(function() return nan | 0 end))
local x = nan
print(x == x, rawequal(x, x))
