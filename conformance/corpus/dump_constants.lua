-- Every kind of constant survives a dump.
local function consts()
  return nil, true, false, 0, -1, 9007199254740993, -9223372036854775807 - 1,
    0.5, -0.0, 1e300, 1/0, -1/0, 2^63, "", "short", "a\0b",
    "a string longer than forty bytes, stored as a long string"
end
local r = {load(string.dump(consts))()}
for i = 1, 17 do print(i, r[i]) end
local function ints()
  return 9223372036854775807, -9223372036854775807 - 1, 0x7fffffff, -0x80000000
end
print(load(string.dump(ints))())
local function nan() local n = 0/0 return n ~= n end
print(load(string.dump(nan))())
local function floats() return 3.0, -3.5, 1e-310, 123456789012345.0 end
print(load(string.dump(floats, true))())
-- many constants
local src = "return {"
for i = 1, 300 do src = src .. (i > 1 and "," or "") .. "'k" .. i .. "'" end
local many = load(src .. "}")
local back = load(string.dump(many))()
print(#back, back[1], back[150], back[300])
