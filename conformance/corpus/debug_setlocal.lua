-- debug.setlocal: assignment through the stack, and its errors.
local function f()
  local a, b = 1, 2
  print(debug.setlocal(1, 1, "one"), debug.setlocal(1, 2, "two"))
  print(a, b)
  print(debug.setlocal(1, 10, "none"))
  print(debug.setlocal(1, 0, "zero"))
end
f()
local function outer()
  local AAAA, B = "xuxu", "abacate"
  local function inner()
    print(debug.setlocal(2, 1, "pera"))
    print(debug.setlocal(2, 2, "manga"))
  end
  inner()
  print(AAAA, B)
end
outer()
print(pcall(debug.setlocal, 50, 1, 1))
print(pcall(debug.setlocal, -1, 1, 10))
print(pcall(debug.setlocal, 1, 1))
print(pcall(debug.setlocal, 1))
print(pcall(debug.setlocal, "x", 1, 1))
print(pcall(debug.setlocal, 1, {}, 1))
print(pcall(debug.setlocal))
local function nilset()
  local v = 5
  debug.setlocal(1, 1, nil)
  print(v)
end
nilset()
