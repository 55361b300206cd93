-- Dumped functions as coroutine bodies and metamethods.
local function gen(n)
  for i = 1, n do coroutine.yield(i, i * i) end
  return "end"
end
local co = coroutine.wrap(load(string.dump(gen)))
print(co(3)) print(co()) print(co()) print(co())
local co2 = coroutine.create(load(string.dump(gen, true)))
print(coroutine.resume(co2, 1))
print(coroutine.resume(co2))
print(coroutine.resume(co2))
local mt = {
  __add = load(string.dump(function(a, b) return "added" end)),
  __index = load(string.dump(function(t, k) return k .. "?" end)),
  __call = load(string.dump(function(self, ...) return select('#', ...) end)),
  __tostring = load(string.dump(function() return "dumped object" end)),
}
local obj = setmetatable({}, mt)
print(obj + 1, obj.key, obj(1, 2, 3), tostring(obj))
local function err_in_co() coroutine.yield(1) error("co error") end
local co3 = coroutine.create(load(string.dump(err_in_co)))
print(coroutine.resume(co3))
print(coroutine.resume(co3))
