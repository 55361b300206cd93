-- debug.getlocal: named locals, parameters of a function value,
-- temporaries, and its errors.
local function foo(a, b, ...) local d, e end
print(debug.getlocal(foo, 1), debug.getlocal(foo, 2), debug.getlocal(foo, 3))
print(debug.getlocal(foo, 0), debug.getlocal(foo, -1))
print(debug.getlocal(print, 1))
local function locals()
  local x, y = 10, "twenty"
  do
    local z = true
    for i = 1, 8 do
      local n, v = debug.getlocal(1, i)
      if not n then break end
      if n:sub(1, 1) ~= "(" then print(i, n, v) end
    end
  end
  local w = "after"
  print(debug.getlocal(1, 3))
end
locals()
local function params(p1, p2)
  print(debug.getlocal(1, 1))
  print(debug.getlocal(1, 2))
end
params("one")
print(debug.getlocal(0, 1))
print(debug.getlocal(0, 2))
print(debug.getlocal(0, 3))
print(debug.getlocal(0, 0))
local function f()
  print(debug.getlocal(2, 3))
  print(debug.getlocal(2, 4))
  return 20
end
local function g(a, b)
  return (a + 1) + f()
end
print(g(0, 0))
print(pcall(debug.getlocal, 20, 1))
print(pcall(debug.getlocal, -1, 1))
print(pcall(debug.getlocal, 1))
print(pcall(debug.getlocal, "a", 1))
print(pcall(debug.getlocal, 1, "x"))
print(pcall(debug.getlocal))
print(pcall(function() return debug.getlocal(100, 1) end))
print(pcall(debug.getlocal, {}, 1))
