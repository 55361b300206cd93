-- functions called with many arguments and returning many results
local function count(...) return select('#', ...) end
local function many(n) if n == 0 then return end return n, many(n - 1) end
print(count(many(100)), count(many(250)))
local function sum(...)
  local s = 0
  for _, v in ipairs({...}) do s = s + v end
  return s
end
print(sum(many(200)))
local t = {many(50)}
print(#t, t[1], t[50])
print(select(-1, many(180)), select(180, many(180)))
