-- A native function that yields when called directly by a library
-- function (here table.sort's comparator) cannot: PUC's C-call boundary.
local co = coroutine.wrap(function()
  print(pcall(table.sort, {1, 2, 3}, coroutine.yield))
  print(coroutine.isyieldable())
  coroutine.yield(20)
  return 30
end)
print(co())
print(co())

print(pcall(coroutine.wrap(function() table.sort({1, 2, 3}, coroutine.yield) end)))

-- pcall and xpcall may call coroutine.yield directly.
co = coroutine.wrap(function()
  print("pcall", pcall(coroutine.yield, "from pcall"))
  print("xpcall", xpcall(coroutine.yield, print, "from xpcall"))
  return "done"
end)
print(co())
print(co("r1"))
print(co("r2"))

-- Inside a Lua callback of a library function, isyieldable answers false.
co = coroutine.wrap(function()
  local inside
  local s = string.gsub("a", ".", function(c)
    inside = coroutine.isyieldable()
    return c .. c
  end)
  return s, inside, coroutine.isyieldable()
end)
print(co())

-- Outside a coroutine the message is the other one.
print(pcall(table.sort, {1, 2, 3}, coroutine.yield))
