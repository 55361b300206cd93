-- table.sort without comparator uses '<', including __lt
local mt = {__lt = function(a, b) return a.v < b.v end}
local function obj(v) return setmetatable({v = v}, mt) end
local t = {obj(3), obj(1), obj(4), obj(1), obj(5), obj(9), obj(2), obj(6)}
table.sort(t)
local out = {}
for i = 1, #t do out[i] = t[i].v end
print(table.concat(out, " "))
-- __lt on only one side of each comparison is enough
local calls = 0
local mt2 = {__lt = function(a, b)
  calls = calls + 1
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  return x < y
end}
local mixed = {setmetatable({v = 5}, mt2), 3, setmetatable({v = 1}, mt2), 4}
print(pcall(table.sort, mixed))
-- __lt results are converted to booleans
local mt3 = {__lt = function(a, b) if a.v < b.v then return 1 end return false end}
local u = {setmetatable({v = 2}, mt3), setmetatable({v = 1}, mt3), setmetatable({v = 3}, mt3)}
table.sort(u)
print(u[1].v, u[2].v, u[3].v)
-- errors inside __lt propagate
local bad = {__lt = function() error("lt failed") end}
print(pcall(table.sort, {setmetatable({}, bad), setmetatable({}, bad)}))
