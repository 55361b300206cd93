-- math.tointeger and math.type
print(math.tointeger(3), math.tointeger(3.0), math.tointeger(3.5), math.tointeger(-0.0))
print(math.tointeger(2^63), math.tointeger(-2^63), math.tointeger(2^53))
print(math.tointeger("8"), math.tointeger("8.0"), math.tointeger("x"), math.tointeger({}))
print(math.tointeger(math.huge), math.tointeger(0/0), math.tointeger(nil))
print(pcall(math.tointeger))
print(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type({}))
print(math.type(math.maxinteger), math.type(2^63), math.type(-0.0))
print(pcall(math.type))
