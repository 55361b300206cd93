-- Calls between states nested inside each other: a master calling into a
-- slave from inside that slave's remotedostring (the same slave and
-- another), slaves with slaves of their own, and the bound on nesting.
local rings = require "rings"

who = "top master"
A = rings.new()
B = rings.new()
assert(A:dostring("who = 'slave A'"))
assert(B:dostring("who = 'slave B'"))

-- master -> A -> master -> A: A is waiting for its remotedostring, and
-- runs another chunk meanwhile, with its globals as they are.
print(A:dostring([[
  depth = 1
  local ok, ok2, inner = remotedostring("return A:dostring('depth = depth + 1 return who, depth')")
  return ok, ok2, inner, depth
]]))
-- master -> A -> master -> B.
print(A:dostring([[
  return remotedostring("return B:dostring('return who, ...', ...)", "passed along")
]]))
-- Deeper: master -> A -> master -> B -> master -> A.
print(A:dostring([[
  return remotedostring([=[
    return B:dostring("return remotedostring('return A:dostring(\"return who\")')")
  ]=])
]]))
-- Both slaves are usable afterwards.
print(A:dostring("return who, depth"), B:dostring("return who"))

-- Recursion through both states: factorial, one level per state switch.
function master_fact(n)
  if n <= 1 then return 1 end
  local ok, r = A:dostring("return slave_fact(...)", n - 1)
  assert(ok, r)
  return n * r
end
assert(A:dostring([[
  function slave_fact(n)
    if n <= 1 then return 1 end
    local ok, r = remotedostring("return master_fact(...)", n - 1)
    assert(ok, r)
    return n * r
  end
]]))
print(master_fact(10), master_fact(20))
assert(master_fact(20) == 2432902008176640000)

-- Nested slaves: a slave requires rings and makes its own slaves, whose
-- remotedostring reaches that slave, not the top master.
print(A:dostring([[
  local rings = require "rings"
  assert(rings == _G.rings)
  local C = rings.new()
  assert(C:dostring("who = 'slave C of A'"))
  local ok, inner_ok, master_who = C:dostring("return remotedostring('return who')")
  local ok2, second = C:dostring([==[
    return select(3, remotedostring("return remotedostring('return who')"))
  ]==])
  C:close()
  return master_who, second
]]))
-- Three levels of slaves, each with its own globals, the deepest asking
-- its master's master.
print(A:dostring([[
  local rings = require "rings"
  D = rings.new()
  assert(D:dostring("who = 'D' E = require('rings').new() assert(E:dostring('who = \"E\"'))"))
  return D:dostring([=[
    return E:dostring("return who, remotedostring('return who, remotedostring(\\'return who\\')')")
  ]=])
]]))
-- top -> A -> D -> A -> top -> A: A runs D's remotedostring chunk, which
-- asks the top master, which calls into A again. Each state is held only
-- while its own code runs, so A accepts the call, as the C library does.
local r = table.pack(A:dostring([[
  return D:dostring("return remotedostring('return remotedostring(\"return A:dostring(\\\\\"return 1\\\\\")\")')")
]]))
print(table.unpack(r, 1, r.n))
assert(r.n == 6 and r[5] == true and r[6] == 1)
assert(A:dostring("D:close()"))

-- The nesting is bounded: a chunk that calls itself through the other
-- state forever gets a Lua error, and everything stays usable.
local code = [[local c = ... return remotedostring("local c = ... return A:dostring(c, c)", c)]]
local r = table.pack(A:dostring(code, code))
local trues = 0
while r[trues + 1] == true do trues = trues + 1 end
print(r.n == trues + 2, trues > 10, r[trues + 1])
print((r[trues + 2]:match("^[^\n]*")))
assert(r.n == trues + 2 and r[trues + 1] == false)
assert(r[r.n]:find("too many nested calls between states", 1, true))
-- Nested slaves count too.
local chain = [[
  local c, n = ...
  local S = require("rings").new()
  local r = table.pack(S:dostring(c, c, n + 1))
  S:close()
  if r[1] then return table.unpack(r, 2, r.n) end
  return n, r[2]
]]
local ok, levels, message = A:dostring(chain, chain, 1)
print(ok, levels > 10, (message:match("^[^\n]*")))
print(select(2, A:dostring("return who")), select(2, B:dostring("return who")))
A:close()
B:close()
