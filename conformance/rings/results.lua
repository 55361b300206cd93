-- What dostring and remotedostring give back: `true, results...`, or
-- `false, message`, never raising for an error inside the other state;
-- and the errors they raise in the caller for a bad argument.
local rings = require "rings"
local S = rings.new()

-- Success: true and every result.
print(S:dostring("return 1, 'two', 3.0"))
print(S:dostring(""))
print(select("#", S:dostring("")))
assert(select("#", S:dostring("")) == 1)

-- A compile error: false and the bare message of the loader, the chunk
-- named by its own text.
print(S:dostring("x = = 1"))
print(S:dostring("return 'unfinished"))
print(S:dostring("local t = {\n1,\n2\n"))
local ok, message = S:dostring("for")
assert(ok == false and message == [[[string "for"]:1: <name> expected near <eof>]])

-- A runtime error: false, the message and a traceback from where it was
-- raised down to the chunk.
print(S:dostring("error('plain')"))
print(S:dostring("error('no position', 0)"))
print(S:dostring("local t = nil\nreturn t.field"))
print(S:dostring([[
local function inner() error("deep") end
function outer() inner() end
outer()
]]))
-- A long first line is cut in the chunk name.
print(S:dostring("local a_rather_long_name_for_a_local_variable = 1 error('long')"))
ok, message = S:dostring("error('x')")
assert(not ok and message:find("\nstack traceback:\n\t", 1, true))

-- Error values that are not strings: a number gives its text (with the
-- traceback), any other value nil.
print(S:dostring("error(42)"))
print(S:dostring("error(-0.5)"))
print(S:dostring("error(2^63)"))
print(S:dostring("error({})"))
print(S:dostring("error(setmetatable({}, {__tostring = function() return 'T' end}))"))
print(S:dostring("error(true)"))
print(S:dostring("error()"))
print(S:dostring("error(nil)"))
print(select("#", S:dostring("error({})")))
assert(select("#", S:dostring("error({})")) == 2 and select(2, S:dostring("error({})")) == nil)
ok, message = S:dostring("error(42)")
assert(ok == false and message:find("^42\nstack traceback:\n\t"))
-- Errors caught inside the slave are its own business.
print(S:dostring("return pcall(error, {})"))

-- The same shapes come back from remotedostring.
print(S:dostring("return remotedostring('return 1, 2')"))
print(S:dostring("return remotedostring('x = = 1')"))
print(S:dostring("return remotedostring('error(\"in master\")')"))
print(S:dostring("return remotedostring('error(7)')"))
print(S:dostring("return remotedostring('error({})')"))

-- A bad code argument raises in the caller, as luaL_checklstring does
-- (counting `self` unless called as a method).
print(pcall(function() local r = S.dostring(S, {}) return r end))
print(pcall(function() local r = S.dostring(S) return r end))
print(pcall(function() local r = S:dostring(nil, 1) return r end))
print(pcall(function() local r = S:dostring(print) return r end))
print(pcall(S.dostring, S, true))
ok, message = pcall(function() local r = S.dostring(S, {}) return r end)
assert(not ok and message:find("bad argument #2 to 'dostring' (string expected, got table)", 1, true))
-- A number is a string to luaL_checklstring.
print(S:dostring(12))
print(S:dostring("return 5"))
-- remotedostring checks its code argument in the slave.
print(S:dostring("return pcall(remotedostring, {})"))
print(S:dostring("local r = remotedostring() return r"))
-- The master is untouched by all this.
print(type(x), S:dostring("return 'usable'"))
S:close()
