-- __newindex chains: tables forward, functions intercept
local final = {}
local mid = setmetatable({}, {__newindex = final})
local front = setmetatable({}, {__newindex = mid})
front.k = "v"
print(rawget(front, "k"), rawget(mid, "k"), final.k)
mid.existing = 1
rawset(mid, "existing", 1)
front.existing = 2
print(rawget(front, "existing"), mid.existing, final.existing)
local log = {}
local fn_end = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k .. "=" .. v end})
local via = setmetatable({}, {__newindex = fn_end})
via.a = 1
via.b = 2
print(#log, log[1], log[2])
local loop = {}
setmetatable(loop, {__newindex = loop})
print(pcall(function() loop.x = 1 end))
