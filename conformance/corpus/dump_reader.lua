-- load with a reader function and a binary chunk: the reader is called only
-- until the chunk is whole or certainly broken.
local d = string.dump(function(...) return "ok", ... end)
local function reader(s, size, endless)
  local i, calls = 0, 0
  return function()
    calls = calls + 1
    if i >= #s then return endless and "garbage after the chunk" or nil end
    local piece = s:sub(i + 1, i + size)
    i = i + size
    return piece
  end, function() return calls end
end
for _, size in ipairs({1, 5, 16, 64}) do
  local r, calls = reader(d, size, true)
  local f = load(r)
  print(size, f and f(size), calls() == (#d + size - 1) // size)
end
local r = reader(d:sub(1, 40), 3)
print(load(r))
r = reader(d:sub(1, 40), 3)
print(load(r, "=name"))
r = reader(d:sub(1, 40), 3)
print(load(r, "@file.lua", "b"))
local bad = d:sub(1, 4) .. "\0" .. d:sub(6)
local calls
r, calls = reader(bad, 2, true)
local f, msg = load(r)
print(f, msg, calls())
bad = d:sub(1, 12) .. "\4\8\9" .. d:sub(16)
r, calls = reader(bad, 1, true)
f, msg = load(r)
print(f, msg, calls())
-- (A reader failing or returning a non-string in the middle of a binary
-- chunk is left out: lua5.4 5.4.4 lets that error escape from load, 5.4.8
-- returns it.)
