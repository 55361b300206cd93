-- remotedostring: a slave calling functions of its master, and the
-- environment its chunks see there (rings.new's `env`).
local rings = require "rings"

-- Master functions called from a slave, with arguments and results.
local log = {}
function record(...)
  log[#log + 1] = table.concat({...}, " ")
  return #log, ...
end
function add(a, b) return a + b end

local S = rings.new()
print(S:dostring("return remotedostring('return add(...)', 40, 2)"))
print(S:dostring("return remotedostring('return record(...)', 'from', 'the', 'slave')"))
print(S:dostring("return remotedostring('return record(...)', 'again')"))
print(#log, log[1], log[2])
assert(#log == 2 and log[1] == "from the slave" and log[2] == "again")
-- Master globals set from a slave stay in the master.
print(S:dostring("return remotedostring('set_by_slave = ... return set_by_slave', 'yes')"))
print(set_by_slave, S:dostring("return set_by_slave"))
assert(set_by_slave == "yes")
-- An error in the master function is reported to the slave.
print(S:dostring("return remotedostring('return add(...)', 1, {})"))
-- The slave goes on using the results.
print(S:dostring([[
  local ok, sum = remotedostring("return add(...)", 20, 1)
  assert(ok)
  local ok2, twice = remotedostring("return add(...)", sum, sum)
  return twice
]]))

-- The environment of the slave's remote chunks.
x = "_G x"
local function remote_x(state)
  return select(3, state:dostring("return remotedostring('return x')"))
end
-- No argument, no _M: the master's _G.
local plain = rings.new()
print("no argument, no _M:", remote_x(plain))
-- No argument, a global _M: that table.
_M = {x = "_M x"}
local with_m = rings.new()
print("no argument, _M:", remote_x(with_m))
-- Chosen when the state is made: later changes of _M do not matter.
_M = {x = "another _M x"}
print("_M changed later:", remote_x(with_m))
-- An explicit nil: the master's globals, even with _M set.
local explicit_nil = rings.new(nil)
print("explicit nil:", remote_x(explicit_nil))
_M = nil
-- A table of the caller's choice; the chunks' globals go there.
local env = {x = "env x", add = add}
local with_env = rings.new(env)
print("a table:", remote_x(with_env))
print(with_env:dostring("return remotedostring('y = add(...) return y, print', 1, 2)"))
print(env.y, y)
assert(env.y == 3 and y == nil)
-- Two slaves given the same table share it.
local other = rings.new(env)
print(other:dostring("return remotedostring('return y')"))
-- An environment with a metatable works as any _ENV does.
local inherit = rings.new(setmetatable({}, {__index = _G}))
print(inherit:dostring("return remotedostring('z = 1 return x, type(print)')"))
print(z)
-- _G given explicitly is the globals.
local explicit_g = rings.new(_G)
print(explicit_g:dostring("return remotedostring('w = 2 return x')"))
print(w)
assert(w == 2)
-- The env only concerns remote chunks: the slave's own globals are its own.
print(with_env:dostring("return x"))

-- remotedostring chunks run in the master: its libraries and upvalue-free
-- state, not the slave's.
print(S:dostring("slave_only = 1 return remotedostring('return slave_only')"))
for _, state in ipairs({S, plain, with_m, explicit_nil, with_env, other, inherit, explicit_g}) do
  state:close()
end
print("done")
