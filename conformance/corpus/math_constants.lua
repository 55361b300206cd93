-- math constants
print(math.pi, math.huge, -math.huge)
print(math.maxinteger, math.mininteger)
print(math.type(math.pi), math.type(math.maxinteger), math.type(math.huge))
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
print(math.maxinteger + 0.0, math.mininteger + 0.0)
-- (the list of names is not printed: Debian's 5.4.4 is built with the
-- deprecated atan2, pow, ... that a default 5.4.8 build leaves out)
