-- proper tail calls do not grow the stack
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
print(loop(1000000, 0))
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(300001), odd(300001))
local obj = {n = 0}
function obj:count(k) if k == 0 then return self.n end self.n = self.n + 1 return self:count(k - 1) end
print(obj:count(500000))
local function va(n, ...) if n == 0 then return select('#', ...), ... end return va(n - 1, ...) end
print(va(100000, "a", "b"))
local callable = setmetatable({}, {__call = function(self, n) if n == 0 then return "done" end return self(n - 1) end})
print(callable(100000))
