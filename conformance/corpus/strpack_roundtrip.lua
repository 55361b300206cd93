-- string.pack then unpack gives back the values, for formats mixing every
-- option (a deterministic pseudo-random walk).
local function hex(s)
  local out = ""
  for i = 1, #s do out = out .. string.format("%02x", string.byte(s, i)) end
  return out
end
local pack, unpack, packsize = string.pack, string.unpack, string.packsize
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed // 65536) % n
end
local fixed = {"b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T", "f", "d", "n",
  "i3", "I5", "i9", "I12", "i16", "c4", "x", "Xi4", " "}
local variable = {"s", "s1", "s2", "z"}
local function value(opt)
  local c = opt:sub(1, 1)
  if c == "b" then return rand(256) - 128
  elseif c == "B" then return rand(256)
  elseif c == "h" then return rand(65536) - 32768
  elseif c == "H" then return rand(65536)
  elseif c == "i" or c == "l" or c == "j" then
    local size = tonumber(opt:sub(2)) or (c == "i" and 4 or 8)
    if size >= 8 then return rand(2^31) * (rand(2) == 0 and 1 or -1) * 4096 end
    return rand(2^(size * 8 - 1)) * (rand(2) == 0 and 1 or -1)
  elseif c == "I" or c == "L" or c == "J" or c == "T" then
    local size = tonumber(opt:sub(2)) or (c == "I" and 4 or 8)
    if size >= 8 then return rand(2^31) * 65536 end
    return rand(2^(size * 8))
  elseif c == "f" then return rand(1000) / 4
  elseif c == "d" or c == "n" then return rand(100000) / 7
  elseif c == "c" then return string.char(65 + rand(26), 65 + rand(26), 65 + rand(26), 65 + rand(26))
  elseif c == "s" or c == "z" then return string.rep(string.char(97 + rand(26)), rand(20))
  end
end
for round = 1, 40 do
  local f = ({"<", ">", "=", "!", "!4", "!2", ""})[rand(7) + 1]
  local values = {}
  local only_fixed = true
  for _ = 1, rand(8) + 1 do
    local opt
    if rand(4) == 0 then opt = variable[rand(#variable) + 1]; only_fixed = false
    else opt = fixed[rand(#fixed) + 1] end
    f = f .. opt
    local v = value(opt)
    if v ~= nil and opt ~= "x" and opt:sub(1, 1) ~= "X" and opt ~= " " then values[#values + 1] = v end
  end
  local ok, packed = pcall(pack, f, values[1],
    values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9])
  if not ok then
    print(round, f, "error", packed)
  else
    local back = {unpack(f, packed)}
    local same = #back == #values + 1 and back[#back] == #packed + 1
    for i = 1, #values do same = same and back[i] == values[i] end
    print(round, f, #packed, only_fixed and packsize(f) == #packed or "var", same, hex(packed):sub(1, 40))
  end
end
