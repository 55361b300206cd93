-- String keys and the border of #. PUC seeds its string hashes per process,
-- so which string keys collide varies between runs; but while no key of the
-- hash part has been deleted since its last rehash, a new key finds a free
-- node exactly until every node is in use, so the rehash points (and the
-- borders below) do not depend on collisions.

local names = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
  "m", "n", "o", "p", "q", "r"}

-- One hash key from the constructor, then more string keys one by one:
-- the hole at 2 survives until the first rehash shrinks the array part.
local t = {10, 20, 30, name = "t"}
t[2] = nil
local borders = {#t}
for _, k in ipairs(names) do
  t[k] = true
  borders[#borders + 1] = #t
end
print(table.concat(borders, " "))

-- Integer keys grown through the hash part, then string keys.
local t = {}
for i = 1, 6 do t[i] = i end
t[3] = nil
local borders = {#t}
for _, k in ipairs(names) do
  t[k] = true
  borders[#borders + 1] = #t
end
print(table.concat(borders, " "))

-- Constructor hash parts of 1, 2, 4, 8 and 16 nodes (sized by the
-- constructor's field count) filled up with string keys.
for _, fields in ipairs{1, 2, 3, 4, 5, 7, 8, 9, 13} do
  local source = {"return {1, nil, 3"}
  for i = 1, fields do source[#source + 1] = ", f" .. i .. " = " .. i end
  local t = load(table.concat(source) .. "}")()
  local borders = {}
  for i = 1, 10 do
    t["g" .. i] = i
    borders[i] = #t
  end
  print(fields, table.concat(borders, " "))
end

-- A constructor with many fields and a hole, filled to its rehash point.
local t = {x1 = 1, x2 = 2, x3 = 3, x4 = 4, x5 = 5, 1, 2, 3, 4, nil, 6, 7}
local borders = {#t}
for i = 1, 5 do
  t["y" .. i] = i
  borders[#borders + 1] = #t
end
print(table.concat(borders, " "))
