-- string.format: which flags, widths and precisions each conversion
-- accepts (PUC 5.4's checks), shown as the result or the error.
local fmt = string.format
local args = {d = 42, i = -42, u = 42, c = 65, x = 255, X = 255, o = 8, a = 1.5, A = 1.5,
  e = 1.5, E = 1.5, f = 1.5, g = 1.5, G = 1.5, s = "str", p = nil}
local modifiers = {"", "-", "+", " ", "#", "0", "5", "05", "-5", "+5", "# 5", "-0",
  "00", "0-5", ".", ".0", ".3", "5.3", "-5.3", "99", "99.99", ".99", "100", ".100",
  "1.2.3", "+-", "--", "-+ #0", "123", "012"}
for _, conv in ipairs{"d", "i", "u", "c", "x", "X", "o", "a", "A", "e", "E", "f", "g", "G", "s", "p"} do
  local line = conv .. ":"
  for _, m in ipairs(modifiers) do
    local spec = "%" .. m .. conv
    local ok, r = pcall(fmt, spec, args[conv])
    if ok then
      line = line .. " [" .. r .. "]"
    else
      line = line .. " " .. (r == "invalid conversion specification: '" .. spec .. "'" and "X" or ("!" .. r))
    end
  end
  print(line)
end
