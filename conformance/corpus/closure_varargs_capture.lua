-- '...' cannot be an upvalue: capture it in a table or locals
local function capture(...)
  local args = {n = select('#', ...), ...}
  return function(i) return args[i], args.n end
end
local get = capture("a", nil, "c")
print(get(1), get(2), get(3))
local function bind(f, ...)
  local bound = {...}
  local nb = select('#', ...)
  return function(...)
    local all = {}
    for i = 1, nb do all[i] = bound[i] end
    local extra = {...}
    for i = 1, select('#', ...) do all[nb + i] = extra[i] end
    return f(all[1], all[2], all[3], all[4])
  end
end
local add3 = bind(function(a, b, c, d) return a + b + c, d end, 1, 2)
print(add3(3), add3(3, "d"))
print(load("return function() return ... end"))
