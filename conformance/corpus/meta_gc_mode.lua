-- weak tables and finalizers, only in deterministic ways (explicit full collections)
local weakv = setmetatable({}, {__mode = "v"})
local weakk = setmetatable({}, {__mode = "k"})
local keep = {}
weakv[1] = keep
weakv[2] = {}
weakk[keep] = "kept"
weakk[{}] = "lost"
weakv.s = "strings are values, never collected"
weakv.n = 12
collectgarbage()
collectgarbage()
print(weakv[1] == keep, weakv[2], weakv.s, weakv.n)
local n = 0
for k, v in pairs(weakk) do n = n + 1 end
print(n, weakk[keep])
local log = {}
do
  local obj = setmetatable({}, {__gc = function() log[#log + 1] = "finalized" end})
  obj = nil
end
collectgarbage()
collectgarbage()
print(#log, log[1])
print(getmetatable(weakv).__mode)
print(type(collectgarbage("count")), collectgarbage("count") > 0)
print(collectgarbage("isrunning"))
print(collectgarbage("step") ~= nil)
