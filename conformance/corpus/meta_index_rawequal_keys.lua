-- __index/__newindex receive the original key (float keys normalised only for storage)
local keys = {}
local t = setmetatable({}, {__index = function(_, k) keys[#keys + 1] = k; return math_type_free(k) end})
function math_type_free(k)
  if type(k) == "number" then return (k == k // 1) and "integral" or "fractional" end
  return type(k)
end
print(t[1], t[1.0], t[1.5], t.x, t[true])
print(keys[1], keys[2], keys[3], keys[4], keys[5])
local seen = {}
local u = setmetatable({}, {__newindex = function(tbl, k, v) seen[#seen + 1] = k; rawset(tbl, k, v) end})
u[2.0] = "a"
print(seen[1], rawget(u, 2), next(u))
