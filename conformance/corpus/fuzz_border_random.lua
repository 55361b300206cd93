-- Pseudo-random sets, deletions, table.insert and table.remove on tables
-- whose keys are integers (in and out of the array range), floats and
-- booleans, printing # after every step: the border depends on every
-- rehash point and array size matching PUC's. (No string keys: PUC seeds
-- string hashes per process, so their collisions vary between runs.)

local seed = 20240601
local function random(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local function new_table()
  local c = random(5)
  if c == 0 then return {}
  elseif c == 1 then return {1, 2, 3, [2.5] = 1, [true] = 1}
  elseif c == 2 then return {1, 2, nil, 4, [10] = 1, [0.5] = 2}
  elseif c == 3 then return {[1] = 1, [2] = 2, [3] = 3, 4, 5}
  else return {1, 2, 3, 4, 5, 6, 7, 8, [false] = 0, [-1] = 0, [1e100] = 0} end
end

local function random_key()
  local kind = random(5)
  if kind == 0 then return random(20) + 1
  elseif kind == 1 then return random(40) - 5
  elseif kind == 2 then return random(16) + 0.5
  elseif kind == 3 then return random(2) == 0
  else return random(64) * 1.25 + 100 end
end

for round = 1, 150 do
  local t = new_table()
  local borders = {}
  for step = 1, 40 do
    local op = random(10)
    if op < 6 then
      t[random_key()] = step
    elseif op < 9 then
      t[random_key()] = nil
    elseif random(2) == 0 then
      table.insert(t, step)
    elseif #t > 0 then
      table.remove(t, random(#t) + 1)
    end
    borders[step] = #t
  end
  print(round, table.concat(borders, " "))
end
