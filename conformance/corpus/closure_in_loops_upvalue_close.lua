-- upvalues are closed when the loop body ends, even through break and goto
local fs = {}
for i = 1, 5 do
  local j = i
  fs[#fs + 1] = function() j = j + 1; return j end
  if i == 3 then break end
end
print(#fs, fs[1](), fs[1](), fs[2](), fs[3]())
local gs = {}
local k = 0
while k < 3 do
  k = k + 1
  local captured = k * 2
  gs[k] = function() return captured end
  if k == 2 then goto continue end
  captured = captured + 100
  ::continue::
end
print(gs[1](), gs[2](), gs[3]())
