-- functions created by load see only globals through their _ENV
local secret = "local value"
print(load("return secret")())
secret_global = "global value"
print(load("return secret_global")())
local env = {secret_global = "env value"}
print(load("return secret_global", "=c", "t", env)())
local f = load("return function() return counter end", "=c", "t", {counter = 5})()
print(f())
local g = load("n = (n or 0) + 1; return n", "=c", "t", {})
print(g(), g(), g())
