-- A loaded binary chunk keeps the source name it was compiled with; the
-- name given to load is used only for loading errors.
local function fails() error("from the dumped function") end
local g = load(string.dump(fails), "=other name")
print(pcall(g))
local text = load("error('inside text chunk')", "=text chunk")
print(pcall(load(string.dump(text), "=ignored")))
print(pcall(load(string.dump(text, true), "=ignored")))
local at = load("local x = nil; return x.y", "@some/file.lua")
print(pcall(load(string.dump(at))))
print(pcall(load(string.dump(at, true))))
local long = load("return nil + 1", "=" .. ("n"):rep(100))
print(pcall(load(string.dump(long))))
local src = load("return nil .. 'x'")
print(pcall(load(string.dump(src))))
-- errors while loading use the given name
print(load("\27Lua\0", "=given"))
print(load("\27Lua\0", "@given.lua"))
print(load("\27Lua\0"))
print(load("\27Lua\0", "literal"))
