-- Line hooks in loops: a backward jump announces its line again.
local function test(s)
  local got = ""
  debug.sethook(function(e, l) got = got .. l .. " " end, "l")
  load(s)()
  debug.sethook()
  print(got)
end
test([[a=1
repeat
  a=a+1
until a==3
]])
test([[local a
a=1
while a<=3 do
  a=a+1
end
]])
test([[while tostring(1) do
  if tostring(1)
  then break
  end
end
a=1]])
test([[for i=1,3 do
  a=i
end
]])
test([[for i,v in pairs{'a','b'} do
  a=tostring(i) .. v
end
]])
test([[for i=1,4 do a=1 end]])
test([[local i = 0
::top::
i = i + 1
if i < 3 then goto top end
]])
test([[for i = 3, 1 do a = i end
a = 0]])
test([[local n = 0 while n < 2 do n = n + 1 end]])
a = nil
