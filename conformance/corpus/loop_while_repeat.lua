-- while and repeat loops; repeat's locals are visible in 'until'
local i = 0
while i < 3 do i = i + 1; print("while", i) end
local j = 10
repeat local k = j * 2; j = j - 1; print("repeat", j, k) until k <= 16
local n = 0
repeat n = n + 1 until true
print("once", n)
while false do print("never") end
local x = 0
while true do
  x = x + 1
  if x > 4 then break end
end
print("x", x)
local t = {}
repeat
  local v = #t + 1
  t[v] = v * v
until v >= 4
print(t[1], t[2], t[3], t[4], #t)
