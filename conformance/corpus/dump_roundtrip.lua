-- string.dump and load: the loaded function behaves as the original.
local function roundtrip(f, strip) return assert(load(string.dump(f, strip))) end

local function add(a, b) return a + b end
print(roundtrip(add)(2, 3), roundtrip(add, true)(2.5, 1))
local function va(...) return select('#', ...), ... end
print(roundtrip(va)(1, nil, 3))
print(roundtrip(va, true)())
local function multi() return 1, "two", 3.0, nil, false end
print(roundtrip(multi)())
local function fib(n)
  local a, b = 0, 1
  for _ = 1, n do a, b = b, a + b end
  return a
end
print(roundtrip(fib)(50), roundtrip(fib, true)(90))
local function tables()
  local t = {10, 20, 30, x = "x", [4] = 40}
  t.y = #t
  local s = 0
  for i, v in ipairs(t) do s = s + i * v end
  return s, t.y, t.x
end
print(roundtrip(tables)())
local function strings(s)
  return s .. "!" , #s, s == "abc", s < "b"
end
print(roundtrip(strings)("abc"))
-- a dump of a loaded function is the same dump
local d = string.dump(fib)
print(string.dump(load(d)) == d)
local ds = string.dump(fib, true)
print(string.dump(load(ds), true) == ds, string.dump(load(d), true) == ds)
-- a chunk loaded from text, dumped
local chunk = load("local x = ... return x * 2, 'chunk'")
print(roundtrip(chunk)(21))
