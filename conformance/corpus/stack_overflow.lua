-- unbounded (non-tail) recursion is caught as a "stack overflow" error.
-- Without the string library the message is compared as a whole.
local src = "local function rec(n) return 1 + rec(n + 1) end\nreturn rec(1)"
local ok, e = pcall(load(src, "=input"))
print(ok, e == "input:1: stack overflow")
local ok2, e2 = pcall(load(src, "=input"))
print(ok2, e2 == e)
-- the state is usable afterwards
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(10000))
