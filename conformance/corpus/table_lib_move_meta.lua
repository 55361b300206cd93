-- table.move through __index / __newindex, and the order of accesses
local log = {}
local src = setmetatable({}, {__index = function(_, k) log[#log + 1] = "get" .. k; return k * 10 end})
local dst = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = "set" .. k .. "=" .. v; rawset(t, k, v) end})
table.move(src, 1, 3, 2, dst)
print(table.concat(log, " "))
-- overlapping move inside one proxied table goes downwards
log = {}
local store = {1, 2, 3, 4}
local p = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "g" .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "s" .. k; store[k] = v end,
})
table.move(p, 1, 3, 2)
print(table.concat(log, " "), table.concat(store, ","))
-- two different tables that are __eq-equal: treated as the same
log = {}
local mt = {__eq = function() log[#log + 1] = "eq"; return true end}
local a = setmetatable({1, 2, 3, 4}, mt)
local b = setmetatable({}, mt)
table.move(a, 1, 3, 2, b)
print(table.concat(log, " "), b[2], b[3], b[4])
-- __eq is not consulted when the ranges cannot overlap
log = {}
table.move(a, 1, 2, 5, b)
print(#log, b[5], b[6])
-- errors from handlers propagate
print(pcall(table.move, setmetatable({}, {__index = function() error("read fail") end}), 1, 1, 1, {}))
print(pcall(table.move, {1}, 1, 1, 1, setmetatable({}, {__newindex = function() error("write fail") end})))
