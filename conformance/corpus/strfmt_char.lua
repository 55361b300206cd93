-- string.format %c: one byte, from an integer (its low byte), with width
-- and '-' only.
local fmt = string.format
local function bytes(s)
  local out = "<"
  for i = 1, #s do out = out .. (i > 1 and "," or "") .. string.byte(s, i) end
  return out .. ">"
end
print(fmt("%c%c%c", 76, 117, 97))
print(bytes(fmt("%c", 0)), bytes(fmt("%c", 255)), bytes(fmt("%c", 256)), bytes(fmt("%c", 257)))
print(bytes(fmt("%c", -1)), bytes(fmt("%c", -256)), bytes(fmt("%c", 0x7fffffffffffffff)))
print("[" .. fmt("%5c", 65) .. "]", "[" .. fmt("%-5c", 65) .. "]", "[" .. fmt("%1c", 66) .. "]")
print(bytes(fmt("%3c", 0)), bytes(fmt("%-3c", 0)))
print(fmt("%c", 65.0), fmt("%c", "66"), fmt("%-16c|", 97))
print(fmt("%c", 34) .. fmt("%c", 48) == fmt("%1c%-c", 34, 48))
for _, bad in ipairs{"%05c", "%.3c", "%+c", "% c", "%#c", "%100c", "%0c"} do
  print(bad, pcall(fmt, bad, 65))
end
print(pcall(fmt, "%c", 1.5))
print(pcall(fmt, "%c", "x"))
print(pcall(fmt, "%c"))
print(pcall(fmt, "%c", {}))
