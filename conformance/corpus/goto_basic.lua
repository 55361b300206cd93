-- goto and labels: continue idiom, backward jumps, nested blocks
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  print("odd", i)
  ::continue::
end
local n = 0
::top::
n = n + 1
if n < 3 then goto top end
print("n", n)
do
  goto skip
  print("skipped")
  ::skip::
  print("after skip")
end
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto out end
  end
end
::out::
print("out of nested loops")
local fs = {}
local k = 1
::again::
local captured = k
fs[k] = function() return captured end
k = k + 1
if k <= 3 then goto again end
print(fs[1](), fs[2](), fs[3]())
