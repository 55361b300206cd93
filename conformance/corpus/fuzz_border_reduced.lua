-- Reduced from fuzzer seed 50043369: # of a table with a hole depends on
-- whether the hash part was rehashed (a rehash shrinks the array part to
-- the largest power of two more than half full and moves the rest).
--
-- The seed's own program deleted and added *string* keys:
--   local t = {name = "t1", 10, 20, 30, x = true}
--   t[2] = nil; t.x = nil; t.k = true; print(#t)
-- PUC prints 3 or 1 from one run to the next: it seeds its string hashes
-- per process, and t.k reuses x's dead node (no rehash: 3) only when both
-- hash to the same node. That version cannot be in a corpus. Floats and
-- booleans hash the same way in every run, so the same shapes with them
-- have one answer.

-- Two nodes: [true] in node 1, [false] in node 0. Deleting [false] leaves
-- a dead key; a float key lands in node 0 of a two-node part (PUC takes
-- the float hash modulo 1), reuses it, and no rehash happens.
local t = {10, 20, 30, [true] = 1, [false] = 2}
t[2] = nil
t[false] = nil
t[0.5] = true
print("dead node reused", #t)
t[1.5] = true -- no free node: rehash, the array part shrinks to 1
print("after rehash", #t)

-- Deleting [true] instead: the float's main position (node 0) holds a live
-- key, no node is free, so inserting it rehashes at once.
local t = {10, 20, 30, [true] = 1, [false] = 2}
t[2] = nil
t[true] = nil
t[0.5] = true
print("rehash at once", #t)

-- Without a deletion the hash part is full: the first new key rehashes.
local t = {name = "t1", 10, 20, 30, x = true}
t[2] = nil
print("before", #t)
t.k = true
print("after", #t)

-- Floats over four nodes: which ones reuse the dead node of 2.5.
for _, k in ipairs{0.25, 0.75, 1.25, 3.5, 4.5, 6.5, 100.5, -0.5} do
  local t = {10, 20, 30, [2.5] = 1, [3.25] = 2, [7.75] = 3}
  t[2] = nil
  t[2.5] = nil
  t[k] = true
  local a = #t
  t[k + 1000] = true
  print(k, a, #t)
end
