-- string.pack/unpack of f (C float), d (double) and n (Lua float).
local function hex(s)
  local out = ""
  for i = 1, #s do out = out .. string.format("%02x", string.byte(s, i)) end
  return out
end
local pack, unpack = string.pack, string.unpack
for _, n in ipairs{0, -0.0, 1, -1.1, 1.9, 1/0, -1/0, 1e20, -1e20, 0.1, 2000.7, 5e-324, 2^63, 3} do
  print(n, hex(pack("<d", n)), hex(pack(">n", n)), hex(pack("<f", n)), hex(pack(">f", n)))
  print("", unpack("<d", pack("<d", n)), unpack(">n", pack(">n", n)), unpack("<f", pack("<f", n)),
    unpack(">f", pack(">f", n)))
end
-- float rounding and overflow of 'f'
print(unpack("f", pack("f", 1e40)), unpack("f", pack("f", -1e40)), unpack("f", pack("f", 1e-50)))
print(unpack("f", pack("f", 16777217)), unpack("f", pack("f", 0.1)) == 0.1)
print(unpack("<n", pack("<n", 7)), unpack("<d", pack("<j", 0)))
local nan = select(1, unpack("d", pack("d", 0/0)))
print(nan ~= nan)
print(pack("f", 24) == pack("<f", 24), pack(">d", 1.5) == pack("<d", 1.5):reverse())
print(pcall(pack, "d", "x"))
print(pcall(pack, "f", {}))
print(pcall(pack, "n"))
print(hex(pack("<d", "0x10")), hex(pack("<f", " 2 ")))
