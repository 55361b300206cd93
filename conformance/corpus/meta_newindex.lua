-- __newindex as a function and as a table; only for absent keys
local store = {}
local t = setmetatable({}, {__newindex = store})
t.a = 1
print(rawget(t, "a"), store.a)
local log = {}
local u = setmetatable({existing = 0}, {__newindex = function(tbl, k, v)
  log[#log + 1] = k .. "=" .. tostring(v)
  rawset(tbl, k, v)
end})
u.existing = 5
u.new = 6
u.new = 7
print(u.existing, u.new, #log, log[1])
local ro = setmetatable({}, {__newindex = function(_, k) error("read-only: " .. k, 2) end})
print(pcall(function() ro.x = 1 end))
local proxy_target = {}
local chain = setmetatable({}, {__newindex = setmetatable({}, {__newindex = proxy_target})})
chain.z = "deep"
print(rawget(chain, "z"), proxy_target.z)
rawset(ro, "x", 2)
print(ro.x)
