-- varargs in table constructors and as arguments
local function pack(...) return {n = select('#', ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local function unpack_n(t, i, n)
  i = i or 1
  if i > n then return end
  return t[i], unpack_n(t, i + 1, n)
end
print(unpack_n(p, 1, p.n))
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(), sum(1), sum(1, 2, 3, 4, 5))
local function first_and_rest(first, ...) return first, select('#', ...) end
print(first_and_rest(), first_and_rest(1), first_and_rest(1, 2, 3))
local function apply(f, ...) return f(...) end
print(apply(sum, 10, 20), apply(print ~= nil and sum))
local t = {..., "after main varargs"}
print(t[1], t[2])
