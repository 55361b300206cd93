-- getupvalue and setupvalue: names, values and errors.
local a, b, c = 1, 2, 3
local function foo1(x) b = x; return c end
local function foo2(x) a = x; return c + b end
local function dump(f)
  local i = 1
  while true do
    local name, value = debug.getupvalue(f, i)
    if not name then break end
    print(i, name, value)
    i = i + 1
  end
end
dump(foo1)
dump(foo2)
print(debug.getupvalue(foo1, 3))
print(debug.getupvalue(foo1, 0))
print(debug.getupvalue(foo1, -1))
print(debug.setupvalue(foo1, 3, "xuxu"))
print(debug.setupvalue(foo1, 1, 40))
print(b, foo2(5), a)
print(select("#", debug.getupvalue(foo1, 9)))
local function env_user() return print end
print((debug.getupvalue(env_user, 1)))
print(debug.getupvalue(print, 1))
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.getupvalue, foo1))
print(pcall(debug.getupvalue, foo1, "x"))
print(pcall(debug.setupvalue, foo1, 1))
print(pcall(debug.setupvalue, {}, 1, 2))
print(pcall(debug.setupvalue))
local function closed()
  local v = "closed value"
  return function() return v end
end
local cl = closed()
print(debug.getupvalue(cl, 1))
print(debug.setupvalue(cl, 1, "changed"), cl())
