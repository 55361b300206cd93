-- The header of a binary chunk and the errors for corrupted headers.
local d = string.dump(function() return 1 end)
print(d:sub(1, 4) == "\27Lua", d:byte(5), d:byte(6))
print(d:sub(7, 12) == "\x19\x93\r\n\x1a\n", d:byte(13), d:byte(14), d:byte(15))
local function corrupt(i)
  return d:sub(1, i - 1) .. string.char((d:byte(i) + 1) % 256) .. d:sub(i + 1)
end
for i = 1, 31 do
  print(i, load(corrupt(i)))
end
print(load(corrupt(2), "=named"))
print(load(corrupt(2), "@file.lua"))
print(load(corrupt(2), "plain name"))
print(load("\27"))
print(load("\27Lua"))
print(load("\27Lua\x54"))
print(load("\27Lua\x53"))
print(load("\27Lux"))
