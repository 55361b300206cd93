-- state:close(): returns nothing, is idempotent, runs the slave's
-- finalizers; a closed state refuses dostring; a running state refuses to
-- be closed.
local rings = require "rings"

local S = rings.new()
print(select("#", S:close()))
print(select("#", S:close()))
print(select("#", S.close(S)))
assert(select("#", S:close()) == 0)
-- Still an object of the same kind, printing the same.
print(type(S), tostring(S):match("^Lua State %(0x%x+%)$") ~= nil)

-- dostring on a closed state raises in the caller, as luaL_argcheck on
-- argument 1 does.
print(pcall(function() local r = S.dostring(S, "return 1") return r end))
local ok, message = pcall(function() local r = S.dostring(S, "return 1") return r end)
assert(not ok and message:find("bad argument #1 to 'dostring' (already closed state)", 1, true))
print(pcall(function() local r = S:dostring("return 1") return r end))
print(pcall(S.dostring, S, "return 1"))
-- Even with a bad code argument, the closed state is reported first.
print(pcall(function() local r = S.dostring(S, {}) return r end))

-- Closing runs the slave's finalizers (observed through a file they
-- write: a closing slave can no longer reach its master).
local name = os.tmpname()
local T = rings.new()
assert(T:dostring([[
  local name = ...
  local function mark(text)
    return setmetatable({}, {__gc = function()
      local f = assert(io.open(name, "ab"))
      f:write(text, "\n")
      f:close()
    end})
  end
  first, second = mark("first"), mark("second")
]], name))
T:close()
local f = assert(io.open(name, "rb"))
local lines = f:read("a")
f:close()
os.remove(name)
-- Finalizers run in the reverse order of their marking, as at lua_close.
io.write(lines)
assert(lines == "second\nfirst\n")

-- A slave closing itself through its master: refused, the slave goes on.
_G.U = rings.new()
print(U:dostring("return remotedostring('U:close()')"))
print(U:dostring("return remotedostring('return pcall(U.close, U)')"))
assert(select(4, U:dostring("return remotedostring('return pcall(U.close, U)')")) == "rings: cannot close a state that is running")
print(U:dostring("return 'still running'"))
-- Once it has returned, closing it works.
U:close()
print(pcall(function() local r = U:dostring("return 1") return r end))

-- A master closing its slave while that slave is running (waiting in its
-- remotedostring): refused in the middle state, the nested slave goes on.
local M = rings.new()
print(M:dostring([[
  Inner = require("rings").new()
  return Inner:dostring("return remotedostring('return pcall(Inner.close, Inner)')")
]]))
print(M:dostring("return Inner:dostring('return \"inner still usable\"')"))
print(M:dostring("Inner:close() return pcall(Inner.dostring, Inner, '')"))
-- Closing a state whose slaves are still open closes those too (their
-- finalizers run when their objects are collected with the state).
name = os.tmpname()
print(M:dostring([[
  local name = ...
  Leaf = require("rings").new()
  assert(Leaf:dostring([=[
    local name = ...
    keep = setmetatable({}, {__gc = function()
      local f = assert(io.open(name, "wb"))
      f:write("leaf closed")
      f:close()
    end})
  ]=], name))
]], name))
M:close()
f = assert(io.open(name, "rb"))
local leaf = f:read("a")
print(leaf)
assert(leaf == "leaf closed")
f:close()
os.remove(name)

-- close checks its argument.
print(pcall(function() local r = S.close({}) return r end))
print(pcall(function() local r = S.close() return r end))
print("done")
