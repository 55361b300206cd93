-- printing NaN: the sign follows the hardware result (x86-64: 0/0 is -nan, -(0/0) is nan).
-- Both reference builds agree on this machine; values are computed at run time
-- (Lua does not constant-fold divisions by zero).
local z = 0
local nan = z / z
print(nan, -nan)
print(0/0, -(0/0))
print(tostring(nan) == tostring(0/0))
local inf = 1/0
print(inf - inf, inf * 0)
