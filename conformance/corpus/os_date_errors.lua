-- os.date's argument errors and invalid conversion specifiers
for _, f in ipairs{"%", "%9", "%O", "%E", "%Ea", "%Ez", "%Oz", "%EY%", "%Q", "%i", "%k",
                   "%l", "%P", "%s", "%+", "%-d", "%0d", "%#c", "%5Y", "a%", "%E\0x", "%%%"} do
  local ok, err = pcall(os.date, "!" .. f, 0)
  print(#f, ok, err)
end
print(pcall(os.date, "%Y", 1.5))
print(pcall(os.date, "%Y", "x"))
print(pcall(os.date, "%Y", {}))
print(pcall(os.date, {}))
print(pcall(os.date, "!%Y", 2^60))
print(pcall(os.date, "!%Y", -2^60))
print(pcall(os.date, "!%Y", 1/0))
print(pcall(os.date, "!%Y", 0/0))
print(pcall(os.date, "!*t", 2^62))
-- the largest and smallest years an int can hold
print(os.date("!%Y", 67767976233532799))
print(pcall(os.date, "!%Y", 67767976233532800))
print(os.date("!%Y", -67768040609740800))
print(pcall(os.date, "!%Y", -67768040609740801))
