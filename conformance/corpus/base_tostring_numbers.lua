-- number to string conversions used by tostring, print and '..'
local vals = {0, -0, 1, -1, 255, 1e15, 1e16, -1e15, 0.5, -0.5, 1/3, 100.0, 1e100, 1e-100,
              123456789012, 1234567890123456, 2^24, 2^31, 2^32, 2^53, 2^63, 2^64, -2^63}
for _, v in ipairs(vals) do print(tostring(v), v .. "") end
print(3.0 == 3, tostring(3.0) == tostring(3))
