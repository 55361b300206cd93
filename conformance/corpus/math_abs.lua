-- math.abs keeps the subtype; abs(mininteger) wraps
print(math.abs(-5), math.abs(5), math.abs(0), math.abs(-0.0), math.abs(-2.5))
print(math.abs(math.mininteger), math.abs(math.maxinteger), math.abs(-math.huge))
print(math.type(math.abs(-5)), math.type(math.abs(-5.0)))
print(math.abs("-3"), math.type(math.abs("-3")), math.abs("-3.5"))
print(pcall(math.abs))
print(pcall(math.abs, "abc"))
print(pcall(math.abs, true))
