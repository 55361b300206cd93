-- rings.new(env, {memory = bytes, instructions = n}): a dostring past a
-- limit returns false and a message, the slave stays usable, and the
-- master is untouched.
local rings = require "rings"

-- Instructions: counted per dostring.
local S = rings.new(nil, {instructions = 100000})
print(S:dostring("while true do end"))
print(S:dostring("local n = 0 for i = 1, 1000 do n = n + i end return n"))
-- pcall in the slave cannot swallow the limit, nor can error handlers or
-- coroutines.
print(S:dostring("return pcall(function() while true do end end)"))
assert(select(2, S:dostring("return pcall(function() while true do end end)")) == "instruction limit exceeded")
print(S:dostring([[
  local ok = pcall(function() while true do end end)
  caught = true
  return "after pcall"
]]))
print(S:dostring("return caught"))
print(S:dostring("return xpcall(function() while true do end end, function() return 'handled' end)"))
print(S:dostring("return coroutine.wrap(function() while true do end end)()"))
print(S:dostring([[
  local co = coroutine.create(function() while true do coroutine.yield() end end)
  while true do coroutine.resume(co) end
]]))
-- The count starts again at every dostring: the slave stays usable.
print(S:dostring("counter = (counter or 0) + 1 return counter"))
print(S:dostring("counter = (counter or 0) + 1 return counter"))
assert(select(2, S:dostring("return counter")) == 2)
-- A string of work just under the limit runs; the same work repeated in
-- one dostring does not.
local work = "local n = 0 for i = 1, 5000 do n = n + i end return n"
print(S:dostring(work))
print(S:dostring("for _ = 1, 100 do local n = 0 for i = 1, 5000 do n = n + i end end return 'done'"))

-- A limit reached inside a remotedostring chunk of the master is not the
-- master's: the master's own code has no limit.
function master_loop(n) local s = 0 for i = 1, n do s = s + i end return s end
print(S:dostring("return remotedostring('return master_loop(...)', 1000000)"))
-- The limit counts only the slave: it is reached after the master answers.
print(S:dostring("local ok, s = remotedostring('return master_loop(...)', 10) while true do end"))

-- Memory: the slave's heap (its standard library included).
local M = rings.new(nil, {memory = 4 * 1024 * 1024})
print(M:dostring("local s = string.rep('x', 8 * 1024 * 1024) return #s"))
local ok, message = M:dostring("local s = string.rep('x', 8 * 1024 * 1024) return #s")
assert(ok == false and message == "not enough memory")
print(M:dostring("local t = {} for i = 1, 1e7 do t[i] = i end return #t"))
print(M:dostring("local t = {} for i = 1, 1e7 do t[i] = tostring(i) end return #t"))
-- pcall inside the slave may catch it, as it catches any memory error...
print(M:dostring("return pcall(string.rep, 'x', 8 * 1024 * 1024)"))
-- ... and the slave stays usable: its memory is freed again.
print(M:dostring("return #string.rep('x', 1024 * 1024)"))
print(M:dostring("collectgarbage() return collectgarbage('count') < 4 * 1024"))
-- A slave keeping what it allocates fails once, then goes on.
print(M:dostring("keep = {} for i = 1, 1e7 do keep[i] = i end"))
print(M:dostring("keep = nil collectgarbage() return 'recovered'"))

-- Both limits at once.
local B = rings.new({}, {memory = 4 * 1024 * 1024, instructions = 1000000})
print(B:dostring("while true do end"))
print(B:dostring("local s = string.rep('x', 8 * 1024 * 1024)"))
print(B:dostring("return 'fine'"))

-- A limits table with other fields, or none, is fine; bad values are
-- argument errors.
print(rings.new(nil, {}):dostring("return 1"))
print(rings.new(nil, {unrelated = true}):dostring("return 2"))
print(rings.new(nil, nil):dostring("return 3"))
print(pcall(rings.new, nil, 5))
print(pcall(rings.new, nil, {memory = -1}))
print(pcall(rings.new, nil, {memory = "lots"}))
print(pcall(rings.new, nil, {instructions = 1.5}))
print(pcall(rings.new, nil, {instructions = 2^63}))

-- The master is untouched: no limit applies to it, and its memory did
-- not grow with what the slaves allocated.
local sum = 0
for i = 1, 300000 do sum = sum + i end
print(sum, #string.rep("y", 8 * 1024 * 1024))
assert(sum == 45000150000)
print("done")
