-- math.ult: unsigned comparison
print(math.ult(1, 2), math.ult(2, 1), math.ult(1, 1))
print(math.ult(-1, 1), math.ult(1, -1), math.ult(math.maxinteger, math.mininteger))
print(math.ult(0, -1), math.ult(-2, -1), math.ult(2.0, 3))
print(pcall(math.ult, 1.5, 2))
print(pcall(math.ult, 1))
print(pcall(math.ult, "a", 1))
print(pcall(math.ult, 1, {}))
