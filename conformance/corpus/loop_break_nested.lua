-- break leaves only the innermost loop
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    print(i, j)
  end
  if i == 2 then break end
end
local i = 0
while true do
  i = i + 1
  repeat
    if i % 2 == 0 then break end
    print("odd", i)
  until true
  if i >= 5 then break end
end
for _, v in ipairs({1, 2, 3, 4}) do
  if v == 3 then break end
  print("v", v)
end
print(load("break", "=input"))
print(load("if x then break end", "=input"))
print(load("local function f() break end", "=input"))
print(load("for i=1,2 do local function f() break end end", "=input"))
