-- A string key of a weak-value entry whose value is collected is freed by
-- the same full collection; a string key with a non-collectable value stays.
collectgarbage(); collectgarbage()
local m = collectgarbage("count")
local a = setmetatable({}, {__mode = "kv"})
a[string.rep("a", 2^20)] = 25
a[string.rep("b", 2^20)] = {}
a[{}] = 14
print(collectgarbage("count") > m + 2^11)
collectgarbage()
print(collectgarbage("count") >= m + 2^10 and collectgarbage("count") < m + 2^11)
local k, v = next(a)
print(#k, v, next(a, k))

-- The collector is not reentrant: collectgarbage fails inside __gc.
local res = true
setmetatable({}, {__gc = function()
  res = {collectgarbage(), collectgarbage("count"), collectgarbage("step")}
end})
collectgarbage()
print(#res, res[1], res[2], res[3])
