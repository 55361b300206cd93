-- '..' is right associative; numbers are converted; metamethods see the right operands
-- NOTE: lua 5.4.4 crashes (fixed by 5.4.8) when a __concat metamethod grows the Lua
-- stack (calls further functions, builds tables) while an outer concatenation is
-- pending, so the metamethods here stay small and call nothing.
local n = 0
local mt = {__concat = function(a, b)
  n = n + 1
  local sa = type(a) == "table" and a.name or a
  local sb = type(b) == "table" and b.name or b
  return "<" .. sa .. "|" .. sb .. ">"
end}
local A = setmetatable({name = "A"}, mt)
local r = "x" .. A .. "y" .. "z"
print(r, n)
print(A .. 1 .. 2, 1 .. 2 .. A, n)
print("a" .. "b" .. A .. "c" .. "d", n)
print(A .. A, n)
print(1 .. 2 .. 3, 1.5 .. 2, "a" .. 10 // 3)
local s = ""
for i = 1, 5 do s = s .. i end
print(s, #s)
print(("x" .. 1) .. 2, "x" .. (1 .. 2))
print(pcall(function() return "a" .. {} .. "b" end))
