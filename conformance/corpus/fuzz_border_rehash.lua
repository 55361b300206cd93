-- Borders of # around the points where PUC's tables rehash: the hash part
-- (a power of two of nodes) is rebuilt only when a new key finds no free
-- node; deleted keys keep their nodes until then; the rebuild sizes the
-- array part to the largest power of two n with more than n/2 of 1..n in
-- use. Only integer, float and boolean keys: PUC hashes strings with a
-- per-process seed, so string keys would make these answers vary.

local function row(t, n)
  local parts = {}
  for i = 1, n do parts[i] = t[i] == nil and "." or "x" end
  return table.concat(parts)
end

-- Deleting hash-part keys, then inserting: a new key takes a dead node
-- only when that node is its main position.
for _, k in ipairs{100, 101, 102, 103, 104, 105, 106, 107} do
  local t = {1, 2, 3, [100] = true, [200] = true, [300] = true, [401] = true}
  t[2] = nil
  t[200] = nil
  t[k] = true
  local a = #t
  t[k + 1] = true
  local b = #t
  t[k + 2] = true
  print("dead", k, a, b, #t)
end

-- Appending through the hash part: t[n + 1] = v when n + 1 is past the
-- array part goes to the hash part until a rehash moves it; a hole then
-- shows which size the array part has.
for n = 1, 20 do
  local t = {}
  for i = 1, n do t[i] = i end
  local hole = n // 2 + 1
  t[hole] = nil
  local a = #t
  t[n + 1] = true
  print("append", n, hole, a, #t, row(t, n + 1))
end

-- Filled backwards: everything starts in the hash part.
for n = 3, 17, 2 do
  local t = {}
  for i = n, 1, -1 do t[i] = i end
  t[2] = nil
  local a = #t
  t[n + 5] = true
  t[n + 6] = true
  print("backwards", n, a, #t)
end

-- Sparse keys: the array part only takes powers of two more than half full.
local t = {}
for _, k in ipairs{1, 2, 4, 8, 16, 3, 5, 6, 7} do
  t[k] = k
  print("sparse", k, #t)
end

-- Constructors with mixed parts (array sizes come from the constructor,
-- not from a rehash).
print("ctor", #{1, 2, nil, 4})
print("ctor", #{nil, nil, 3})
print("ctor", #{1, nil, 3, x = 1})
print("ctor", #{1, 2, 3, nil, [0.5] = 1, [true] = 2})
print("ctor", #{[1] = 1, [2] = 2, [4] = 4})
print("ctor", #{1, 2, [4] = 4, [5] = 5, [6] = 6})
print("ctor", #{nil, 2, 3, 4, 5, nil, 7, 8, [10] = 10, [1.5] = 1})
local big = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
  19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36,
  37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54}
big[54] = nil
big[30] = nil
print("ctor big", #big)
big[54] = 54
big[55] = 55 -- array part of 54: 55 goes to the (empty) hash part
print("ctor big", #big)

-- Constructors ending in a call, and table.pack (sized as lua_createtable
-- (n, 1): setting n does not rehash it).
local function f(...) return ... end
print("multret", #{f(1, nil, 3)}, #{f(1, nil, 3, nil, 5)}, #{nil, f(nil, nil, 3)},
  #{1, 2, f(nil, nil, nil, 6)}, #{1, nil, f()}, #{x = 1, f(1, nil, 3, 4)},
  #{[1] = 1, f(nil, 2, 3)}, #{f(1, nil, 3), 9}, #{1, nil, 3, f(nil)})
print("pack", #table.pack(1, nil, 3), #table.pack(nil, nil, 3, nil, 5),
  #table.pack(1, nil, nil, 4, nil, 6, nil, 8, nil), #table.pack(nil, 2))
local t = table.pack(1, nil, 3)
t[4] = 4
print("pack", #t)
t.more = true -- no free node: rehash
print("pack", #t)

-- table.insert and table.remove next to a hole (both use #).
local t = {1, 2, 3, nil, 5}
table.insert(t, 6)
print("insert", #t, row(t, 8))
table.insert(t, 1, 0)
print("insert", #t, row(t, 8))
print("remove", table.remove(t), #t, row(t, 8))
t[2] = nil
print("remove", table.remove(t, 1), #t, row(t, 8))
local t = {}
for i = 1, 8 do t[i] = i end
t[8] = nil
t[7] = nil
print("shrink", #t)
t[6] = nil
print("shrink", #t)
t[5] = nil
print("shrink", #t)
print("read", t[8], #t) -- reading past the border moves PUC's hint
t[3] = nil
print("hole", #t)
table.insert(t, 9)
print("insert", #t, row(t, 8))

-- Removing everything, then growing again.
local t = {}
for i = 1, 16 do t[i] = i end
for i = 16, 1, -1 do t[i] = nil end
for i = 1, 5 do t[i * 1.5] = i end
t[1] = 1
t[2] = 2
t[4] = 4
print("regrow", #t)
