-- table.sort with comparator functions
local people = {
  {name = "ann", age = 31}, {name = "bob", age = 25}, {name = "cid", age = 40},
  {name = "dee", age = 25}, {name = "eve", age = 19},
}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for _, p in ipairs(people) do print(p.name, p.age) end
-- comparator results are truthy/falsy values, not only booleans
local t = {3, 1, 2, 5, 4}
table.sort(t, function(a, b) if a < b then return "yes" end return nil end)
print(table.concat(t, " "))
-- comparators that count their calls (the exact count follows PUC's algorithm)
local calls = 0
local u = {}
for i = 1, 50 do u[i] = (i * 37) % 50 end
table.sort(u, function(a, b) calls = calls + 1; return a < b end)
print(calls, u[1], u[50])
-- comparator seeing every pair in order
local seen = {}
local v = {4, 3, 2, 1}
table.sort(v, function(a, b) seen[#seen + 1] = a .. "<" .. b; return a < b end)
print(table.concat(seen, " "))
print(table.concat(v, " "))
-- a native comparator
local w = {3, 1, 2}
print(pcall(table.sort, w, math.max))
-- nil comparator means the default order
local x = {2, 3, 1}
table.sort(x, nil)
print(table.concat(x, " "))
