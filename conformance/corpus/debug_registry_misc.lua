-- getregistry, setcstacklimit, user values of non-userdata.
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry())
print(type(reg._LOADED), reg._LOADED.debug == debug)
print(debug.setcstacklimit(100), debug.setcstacklimit(0))
print(pcall(debug.setcstacklimit))
print(pcall(debug.setcstacklimit, "x"))
print(debug.getuservalue(1))
print(debug.getuservalue({}, 2))
print(debug.getuservalue(nil))
print(select("#", debug.getuservalue("s")))
print(pcall(debug.getuservalue, {}, "x"))
print(pcall(debug.setuservalue, {}, 1))
print(pcall(debug.setuservalue, nil, 1))
print(pcall(debug.setuservalue))
local names = {}
for k in pairs(debug) do names[#names + 1] = k end
print(#names)
