-- block scoping and shadowing of locals
local x = 1
do
  local x = x + 1
  print("inner", x)
  do
    local x = x * 10
    print("innermost", x)
  end
  print("inner again", x)
end
print("outer", x)
local a, a = 1, 2
print(a)
local function f(x, x) return x end
print(f(1, 2))
for x = 5, 5 do print("loop x", x) end
print("after loop", x)
local y = "before"
local function g() return y end
local y = "after"
print(g(), y)
if true then local x = "if block" print(x) end
print(x)
