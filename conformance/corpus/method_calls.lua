-- method definitions and calls with ':' and 'self'
local Account = {balance = 0}
function Account.new(b) return setmetatable({balance = b}, {__index = Account}) end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:get() return self.balance end
local acc = Account.new(10)
print(acc:deposit(5):deposit(1):get())
print(Account.get(acc), acc.get(acc))
local obj = {name = "o"}
function obj.greet(self, greeting) return greeting .. ", " .. self.name end
print(obj:greet("hi"), obj.greet({name = "x"}, "yo"))
local s = {f = function(...) return select('#', ...) end}
print(s:f(), s:f(1, 2), s.f())
local str = "abc"
print(pcall(function() return str:nosuch() end))
local n = {}
print(pcall(function() return n:missing(1) end))
local deep = {a = {b = {c = function(self, x) return self.v + x end, v = 5}}}
print(deep.a.b:c(1))
