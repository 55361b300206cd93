-- yield inside generic-for iterators, metamethods and nested calls
local function walk(t)
  return coroutine.wrap(function()
    local function visit(node, depth)
      if type(node) == "table" then
        for _, child in ipairs(node) do visit(child, depth + 1) end
      else
        coroutine.yield(node, depth)
      end
    end
    visit(t, 0)
  end)
end
for leaf, depth in walk({1, {2, {3, 4}}, {{{5}}}}) do print(leaf, depth) end
local co = coroutine.wrap(function()
  local t = setmetatable({}, {__lt = function(a, b) coroutine.yield("comparing") return true end})
  if t < t then return "lt was true" end
end)
print(co())
print(co())
local co2 = coroutine.wrap(function()
  local t = setmetatable({}, {__concat = function(a, b) return coroutine.yield("concat") end})
  return "x" .. t
end)
print(co2())
print(co2("resumed value"))
local co3 = coroutine.wrap(function()
  for i in function(_, c) c = (c or 0) + 1; if c <= 2 then coroutine.yield("iter " .. c) return c end end do end
  return "loop done"
end)
print(co3(), co3(), co3())
