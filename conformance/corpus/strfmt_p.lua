-- string.format %p: only what does not depend on addresses is printed.
local fmt = string.format
local null = "(null)"
print(fmt("%p", 4), fmt("%p", true), fmt("%p", nil), fmt("%p", 1.5), fmt("%p", false))
print(fmt("%10p|", false), fmt("%-12p|", 1.5), fmt("%-3p|", nil))
print(fmt("%p", {}) ~= null, fmt("%p", print) ~= null, fmt("%p", coroutine.create(print)) ~= null)
print(fmt("%p", print) == fmt("%p", print), fmt("%p", print) ~= fmt("%p", pcall))
local t1, t2 = {}, {}
print(fmt("%p", t1) == fmt("%p", t1), fmt("%p", t1) ~= fmt("%p", t2))
print(fmt("%p", t1):sub(1, 2), #fmt("%90p", {}), #fmt("%-60p", {}))
print(fmt("%p", t1) == tostring(t1):sub(8))
local s1, s2 = string.rep("a", 10), string.rep("aa", 5)
print(fmt("%p", s1) == fmt("%p", s2))
local l1, l2 = string.rep("a", 300), string.rep("a", 300)
print(fmt("%p", l1) ~= fmt("%p", l2))
for _, bad in ipairs{"%3.1p", "%05p", "%.p", "%+p", "%#p", "%100p"} do
  print(bad, pcall(fmt, bad, {}))
end
print(pcall(fmt, "%p"))
