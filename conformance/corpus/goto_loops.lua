-- goto used for loops, retries and state machines
local i = 1
::loop::
if i <= 3 then
  print("iteration", i)
  i = i + 1
  goto loop
end
local state = "a"
local trace = ""
::dispatch::
trace = trace .. state
if state == "a" then state = "b" goto dispatch
elseif state == "b" then state = "c" goto dispatch
end
print(trace)
for j = 1, 3 do
  for k = 1, 3 do
    if k == 2 then goto next_j end
    print(j, k)
  end
  ::next_j::
end
do
  local attempts = 0
  ::retry::
  attempts = attempts + 1
  if attempts < 4 then goto retry end
  print("attempts", attempts)
end
while true do
  goto done
end
::done::
print("done")
