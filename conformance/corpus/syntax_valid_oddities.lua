-- unusual but valid syntax
local t = {f = function(...) return select('#', ...) end}
print(t.f{1, 2}, t.f"str", t.f[[long]], t.f())
local s = "x"
print(#s, type(print), (print) == print)
local a = {b = {c = {d = function() return "abcd" end}}}
print(a.b.c.d(), a["b"]["c"].d())
;;; local x = 1 ; ;
print(x == nil, (x))
local f = function(...) local a, b = ... return a, b end
print(f(1, 2, 3))
do local _ENV = {print = print}; print(tostring) end
print(0xA, 0Xa, 1e1, 1E+1, 1e-1, .5e1, 3.)
local r = 2 ^ - 2
print(r, - - - 1, not not nil)
goto l1
::l1:: ::l2::
print("labels ok")
local longcall = (function(x) return function(y) return function(z) return x + y + z end end end)(1)(2)(3)
print(longcall)
print(({10, 20})[2], ("s") .. "t")
