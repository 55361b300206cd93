-- Table hash access with integer keys spread far apart, so they live in
-- the hash part instead of the array part, plus negative keys and
-- float keys with integer values (which must land on the same slot).

local N = 10000
local STRIDE = 7919

local t = {}
for i = 1, N do
  t[i * STRIDE] = i
  t[-i] = i * 2
end

local sum = 0
for round = 1, 3600 do
  for i = 1, N do
    local k = ((i * round) % N + 1) * STRIDE
    sum = sum + t[k] + t[-i]
  end
end

-- 3.0 and 3 are the same key in Lua.
local hits = 0
for i = 1, N do
  if t[(i * STRIDE) + 0.0] == i then
    hits = hits + 1
  end
end

-- Deleting and reinserting keeps the hash part busy.
for i = 1, N, 2 do
  t[i * STRIDE] = nil
end
for i = 1, N, 4 do
  t[i * STRIDE] = -i
end

local count, total = 0, 0
for k, v in pairs(t) do
  count = count + 1
  total = total + v + k % 1000
end

print("ints", sum, hits, count, total)
