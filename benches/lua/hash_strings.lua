-- Table hash access with string keys: a word-count style table keyed by
-- short strings that are built once, then looked up, updated and
-- iterated many times. Exercises string hashing/interning and `pairs`.

local NKEYS = 2000

-- Keys are built once so the loop below measures lookups, not concat.
local keys = {}
for i = 1, NKEYS do
  keys[i] = "key_" .. i
end

local counts = {}
for i = 1, NKEYS do
  counts[keys[i]] = 0
end

local ROUNDS = 16000
for r = 1, ROUNDS do
  for i = 1, NKEYS do
    local k = keys[(i * r) % NKEYS + 1]
    counts[k] = counts[k] + i
  end
end

-- Record-style access: constant field names, as in `obj.name`.
local rec = { alpha = 1, beta = 2, gamma = 3, delta = 4 }
for i = 1, 16000000 do
  rec.alpha = (rec.beta + rec.gamma) % 1000003
  rec.delta = rec.alpha - i % 5
  rec.beta, rec.gamma = rec.gamma, rec.delta
end

local total, n = 0, 0
for _, v in pairs(counts) do
  total = total + v
  n = n + 1
end

print("strings", n, total, rec.alpha, rec.beta, rec.gamma, rec.delta)
