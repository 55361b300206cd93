-- Line hooks: the line sequence of straight code, branches and calls.
local function test(s)
  local got = ""
  local function f(event, line)
    got = got .. line .. " "
  end
  debug.sethook(f, "l"); load(s)(); debug.sethook()
  print(got)
end
test([[if
tostring(1)
then
  a=1
else
  a=2
end
]])
test([[
local function foo()
end
foo()
A = 1
A = 2
A = 3
]])
test([[--
if nil then
  a=1
else
  a=2
end
]])
test([[ do
  return
end
]])
test([[local a = {
  1,
  2,
}
local b = a[1] +
  a[2]
]])
test([[local function f(x)
  return x
end
local y = f(1) + f(2)
]])
test([[local s = "a" ..
  "b" ..
  "c"
]])
test([[local t = {}
t.x = 1; t.y = 2; t.z = 3
]])
test([[goto skip
A = 1
::skip::
A = 2
]])
A = nil; a = nil
