-- getinfo's activelines: the lines that hold code.
local function lines(f)
  local t = debug.getinfo(f, "SL")
  local out = {}
  for l = t.linedefined, t.lastlinedefined + 1 do
    if t.activelines[l] then out[#out + 1] = l - t.linedefined end
  end
  local count = 0
  for _ in pairs(t.activelines) do count = count + 1 end
  local s = ""
  for i = 1, #out do s = s .. out[i] .. " " end
  return s .. "(" .. count .. ")"
end
print(lines(function (a)
  -- 1st line is empty
  -- 2nd line is empty
  local a = 20
  local b = 30
  -- 5th line is empty
end))
print(lines(function (a, b) end))
print(lines(function (a, b)
end))
print(lines(function ()
  local x = 1
  if x then
    x = 2
  else
    x = 3
  end
  for i = 1, 2 do
    x = x + i
  end
  return x
end))
for _, n in ipairs({0, 1, 2, 10, 50}) do
  local f = load(string.rep("\n", n) .. " return 1")
  local t = debug.getinfo(f, "L").activelines
  local s = ""
  for l in pairs(t) do s = s .. l end
  print(n, s)
end
