-- weak-key (ephemeron) tables: an entry whose value refers to its own key is collectable
local eph = setmetatable({}, {__mode = "k"})
do
  local k1 = {}
  eph[k1] = {ref = k1}
  local k2 = {}
  eph[k2] = k2
end
local kept = {}
eph[kept] = {ref = kept}
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(eph) do n = n + 1 end
print(n, eph[kept].ref == kept)
local weak_both = setmetatable({}, {__mode = "kv"})
weak_both[1] = {}
weak_both.x = kept
weak_both[kept] = 1
collectgarbage()
print(weak_both[1], weak_both.x == kept, weak_both[kept])
