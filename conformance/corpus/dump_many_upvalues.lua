-- A function with many upvalues dumped and loaded: all fresh, first = env.
local nup = 200
local prog = {"local a1"}
for i = 2, nup do prog[#prog + 1] = ", a" .. i end
prog[#prog + 1] = " = 1"
for i = 2, nup do prog[#prog + 1] = ", " .. i end
local sum = 1
prog[#prog + 1] = "; return function () return a1"
for i = 2, nup do prog[#prog + 1] = " + a" .. i; sum = sum + i end
prog[#prog + 1] = " end"
local text = ""
for i = 1, #prog do text = text .. prog[i] end
local f = assert(load(text))()
print(f() == sum, sum)
local g = load(string.dump(f))
print(pcall(g))
-- many locals and registers
local src = "local t = {} "
for i = 1, 150 do src = src .. "local v" .. i .. " = " .. i .. " " end
src = src .. "return v1 + v150, v75"
local h = load(src)
print(load(string.dump(h))())
print(load(string.dump(h, true))())
