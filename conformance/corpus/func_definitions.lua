-- every form of function definition
local obj = {a = {b = {}}}
function obj.a.b.f(x) return "dotted " .. x end
function obj.a.b:m(x) return self == obj.a.b, x end
print(obj.a.b.f(1), obj.a.b:m(2))
function globalfn() return "global" end
print(globalfn())
local function localfn() return "local" end
print(localfn())
local anon = function(...) return select('#', ...) end
print(anon(1, 2))
local t = {method = function(self) return self.v end, v = "field"}
print(t:method())
local function defaults(a, b)
  b = b or "default"
  return a, b
end
print(defaults(1), defaults(1, false))
print((function() return "immediately invoked" end)())
