-- string.packsize: sizes of every fixed-size option, alignment included,
-- and its errors.
local packsize = string.packsize
for _, f in ipairs{"", " ", "b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T", "f", "d", "n",
    "x", "c0", "c1", "c100", "i1", "i7", "I16", "<i2>i2=i2", "!i1i8", "!4 i1 i8", "!2 h b h",
    "bXi4", "!4 bXi4", "!4 bXc1", "xXb", "!8 d b", "!8 b d", "b!8d", "Xi4", "!16 c3 Xj"} do
  print(string.format("%q", f), pcall(packsize, f))
end
print(pcall(packsize, "s"))
print(pcall(packsize, "z"))
print(pcall(packsize, "b s1"))
print(pcall(packsize, "i4 z i4"))
print(pcall(packsize))
print(pcall(packsize, {}))
print(pcall(packsize, 12))
print(pcall(packsize, 8.0))
-- the limit is INT_MAX bytes
local s = string.rep("c268435456", 2^3)
print(pcall(packsize, s))
s = string.rep("c268435456", 2^3 - 1) .. "c268435455"
print(pcall(packsize, s))
print(pcall(packsize, "c2147483647"))
print(pcall(packsize, "c2147483639"))
print(pcall(packsize, "c2147483639 b"))
print(pcall(packsize, "c2147483639 c9"))
print(pcall(packsize, "!8 c2147483639 j"))
