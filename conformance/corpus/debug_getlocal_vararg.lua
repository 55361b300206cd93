-- Varargs through negative indices: "(vararg)".
local function foo(a, ...)
  local n = select("#", ...)
  for i = 1, n + 1 do
    print(i, debug.getlocal(1, -i))
  end
  print(debug.setlocal(1, -(n + 1), 30))
  if n > 0 then
    (function(x)
      print(debug.setlocal(2, -1, x))
      print(debug.setlocal(2, -n, x))
    end)(430)
    print(...)
  end
end
foo()
foo(print == print)
foo(200, 3, 4)
foo(1, nil, nil)
local function fixed(a, b)
  print(debug.getlocal(1, -1))
end
fixed(1, 2)
local function nothing() return (debug.getlocal(1, -1)) end
print(nothing(10))
local function many(...)
  local last = select("#", ...)
  local n, v = debug.getlocal(1, -last)
  print(last, n, v)
end
many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
