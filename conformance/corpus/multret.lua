-- multiple results: truncation, expansion, parentheses
local function three() return 1, 2, 3 end
local function none() end
print(three())
print((three()))
print(three(), 10)
print(10, three())
print(({three()})[3], #{three()})
local t = {three(), three()}
print(#t, t[1], t[2], t[4])
local u = {three(), (three())}
print(#u)
print(none())
print((none()))
print(select('#', none()), select('#', (none())))
local function pass(...) return ... end
print(pass(three()))
print(pass(three(), three()))
local function tail() return three() end
print(tail())
local x, y = none(), 5
print(x, y)
print(#{none(), none()}, #{none(), 1})
local s = "" .. tostring(three())
print(s)
