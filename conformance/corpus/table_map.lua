-- tables as maps: keys of all types, normalisation of float keys
local t = {}
t.x = 1; t["y"] = 2; t[1] = "int"; t[2.0] = "float two"; t[true] = "bool"
print(t.x, t.y, t[1], t[2], t[2.0], t[true], t[false])
t[1.0] = "replaced"
print(t[1])
local k1, k2 = {}, {}
t[k1] = "k1"; t[k2] = "k2"
print(t[k1], t[k2], t[{}])
t[print] = "fn"
print(t[print])
print(t[2^53] == nil, t[1.5])
t[1.5] = "f"
print(t[1.5], t[3/2])
t.x = nil
print(t.x)
print(pcall(function() t[nil] = 1 end))
print(t[nil])
print(pcall(rawset, t, nil, 1))
local s = {["a b"] = 1, ["1"] = "string one", [1] = "number one"}
print(s["a b"], s["1"], s[1])
