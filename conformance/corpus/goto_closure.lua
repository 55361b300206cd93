-- a backward goto leaves a block; locals captured by closures are fresh each time
local fs = {}
do
  local i = 1
  ::top::
  local x = i * 10
  fs[i] = function() return x end
  i = i + 1
  if i <= 3 then goto top end
end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for i = 1, 3 do
  local v = i
  gs[i] = function() v = v + 1; return v end
  if i == 2 then goto cont end
  v = v * 100
  ::cont::
end
print(gs[1](), gs[2](), gs[3]())
