-- __pairs overrides pairs(); next() ignores it
local proxy = setmetatable({}, {__pairs = function(t)
  local i = 0
  return function(_, k)
    i = i + 1
    if i <= 3 then return i, "p" .. i end
  end, t, nil
end})
for k, v in pairs(proxy) do print(k, v) end
print(next(proxy))
local extra = setmetatable({}, {__pairs = function(t) return next, {"a"}, nil, "ignored" end})
for k, v in pairs(extra) do print(k, v) end
local bad = setmetatable({}, {__pairs = 1})
print(pcall(pairs, bad))
local ok, f = pcall(pairs, nil)
print(ok, f == next)
print(pcall(pairs))
local fromindex = setmetatable({}, {__index = {a = 1}})
local n = 0
for k in pairs(fromindex) do n = n + 1 end
print("pairs ignores __index", n)
