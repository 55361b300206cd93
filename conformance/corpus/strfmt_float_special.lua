-- string.format of infinities, NaN and -0.0 with every float conversion.
local fmt = string.format
local inf, nan = 1/0, -(0/0)
local values = {inf, -inf, -0.0}
for _, spec in ipairs{"%e", "%E", "%f", "%g", "%G", "%a", "%A", "%8.3f|", "%-8e|",
    "%08g", "%+f", "% e", "%#g", "%.0f", "%+08.2a"} do
  print(spec, fmt(spec, inf), fmt(spec, -inf), fmt(spec, -0.0))
end
-- NaN: its sign depends on how it was made, so only its absolute form.
local function unsign(s) return (s:sub(1, 1) == "-" and s:sub(2)) or s end
print(unsign(fmt("%f", nan)), unsign(fmt("%E", nan)), unsign(fmt("%g", 0/0)))
print(fmt("%5.1f|%-6g|", 1/0, -1/0))
print(fmt("%d", -0.0), fmt("%x", -0.0))
print(pcall(fmt, "%d", 1/0))
print(pcall(fmt, "%d", 0/0))
print(pcall(fmt, "%x", 2^63))
print(pcall(fmt, "%d", -2^63))
