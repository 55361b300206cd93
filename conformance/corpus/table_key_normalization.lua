-- float keys with integer values are stored as integers
local t = {}
t[3.0] = "three"
t[2^53] = "big"
t[-0.0] = "zero"
local k = next(t, nil)
local keys = {}
for key in pairs(t) do keys[#keys + 1] = key end
local ints = 0
for _, key in ipairs(keys) do if tostring(key) == tostring(key // 1) then ints = ints + 1 end end
print(#keys, ints)
print(t[3], t[0], t[0.0], t[9007199254740992])
for key, v in pairs({[1.0] = "a"}) do print(key, v) end
for key, v in pairs({[-0.0] = "z"}) do print(key, v) end
for key, v in pairs({[0.5] = "h"}) do print(key, v) end
