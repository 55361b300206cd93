-- string.pack: argument errors of every value option, and argument numbers.
local pack = string.pack
for _, opt in ipairs{"b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T", "i16", "I9",
    "f", "d", "n", "s", "s1", "z", "c1"} do
  print(opt, pcall(pack, opt))
  print("", pcall(pack, opt, {}))
  print("", pcall(pack, "bb" .. opt, 1, 2, true))
end
for _, opt in ipairs{"b", "i", "j", "I9", "B"} do
  print(opt, pcall(pack, opt, 1.5))
  print("", pcall(pack, opt, "1.5"))
  print("", pcall(pack, opt, "abc"))
  print("", pcall(pack, opt, 2^63))
end
print(pcall(pack))
print(pcall(pack, nil))
print(pcall(pack, {}, 1))
print(#pack("b", "  12  "), #pack("i3", 2.0), #pack("d", "1e2"))
local ok, e = pcall(function() return ("i4"):pack("x") end)
print(ok, e)
