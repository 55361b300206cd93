-- rawget, rawset, rawequal, rawlen bypass metamethods
local mt = {__index = function() return "meta" end, __newindex = function() error("blocked") end,
            __eq = function() return true end, __len = function() return 99 end}
local t = setmetatable({}, mt)
print(t.x, rawget(t, "x"))
print(pcall(function() t.y = 1 end))
print(rawset(t, "y", 2) == t, rawget(t, "y"), t.y)
local u = setmetatable({}, mt)
print(t == u, rawequal(t, u), rawequal(t, t))
print(#t, rawlen(t))
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal(nil, nil), rawequal({}, {}))
print(rawget({10, 20}, 2), rawget({}, 1), rawget({[1.0] = "one"}, 1))
local r = {}
rawset(r, 1.0, "int key")
print(r[1], next(r))
print(pcall(rawset, r, 0/0, 1))
print(rawequal(0, -0), rawequal(0.0, -0.0), rawequal(1/0, 1/0))
