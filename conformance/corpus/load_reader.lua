-- load with a reader function: pieces, empty pieces end the chunk, errors
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1; return parts[i] end)
print(f())
local once = false
print(load(function() if once then return nil end once = true; return "return 'one piece'" end)())
local pieces = {"ret", "urn 'split", " token'", ""}
local j = 0
print(load(function() j = j + 1; return pieces[j] end)())
print(type(load(function() return nil end)))
local k = 0
local fn = load(function() k = k + 1; if k == 1 then return "return 7" end return "" end)
print(fn(), k)
local num = 0
print(load(function() num = num + 1; if num == 1 then return 1 end end))
-- a reader error raised while lua.c's message handler is active gets a traceback
-- appended; inside pcall there is no handler, so the message is stable
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
local ok, f, e = pcall(load, function() error({}) end)
print(ok, f, type(e))
local m = 0
print(load(function() m = m + 1; if m == 1 then return "x = = 1" end end, "=reader"))
