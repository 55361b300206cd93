-- Found by lua-fuzz: PUC compiles `x - 0` (an integer constant) as `x + 0`,
-- so a float -0.0 minus the integer 0 is 0.0, while `x - 0.0` keeps -0.0.
local x = -0.0
print(x - 0, x + 0, x - 0.0, -0.0 - 0, x - (0), 0 - x, x - 1 + 1)
local function sub0(y) return y - 0 end
print(sub0(-0.0), sub0(0.0), sub0(-0), sub0(3), math.type(sub0(3)), sub0(-2.5))
local zero = 0
print(x - zero, x + zero, -x - 0)
print(pcall(sub0, "-0.0"), pcall(sub0, "x"))
local mt = {__sub = function(a, b) return "sub " .. tostring(b) end}
print(sub0(setmetatable({}, mt)))
