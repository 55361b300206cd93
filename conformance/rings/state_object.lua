-- The rings module and the state objects it makes: module fields, the
-- object's type, name, text and protected metatable, and its closing when
-- the master collects it.

-- `require "rings"` returns the module and sets the global `rings`.
assert(rings == nil and package.loaded.rings == nil)
local rings = require "rings"
assert(type(rings) == "table" and _G.rings == rings and package.loaded.rings == rings)
assert(require "rings" == rings)
print(rings._VERSION)
print(rings._COPYRIGHT)
print(rings._DESCRIPTION)
print(type(rings.new))

local S = rings.new()
print(type(S))
-- `Lua State (0x...)`, the address of the object.
local text = tostring(S)
print(text:match("^Lua State %(0x%x+%)$") ~= nil)
assert(text:match("^Lua State %(0x%x+%)$"))
print(tostring(S) == text, tostring(rings.new()) ~= text)

-- The metatable is protected.
print(getmetatable(S))
assert(getmetatable(S) == "You're not allowed to get the metatable of a Lua State")
local ok, message = pcall(setmetatable, S, {})
print(ok, message)
assert(not ok)
-- Methods come from the hidden metatable.
print(type(S.dostring), type(S.close), S.nothing)

-- `__name` names the object in error messages.
print(pcall(function() return S + 1 end))
print(pcall(function() local r = S.dostring({}, "return 1") return r end))
print(pcall(function() local r = S.close(io.stdout) return r end))
print(pcall(function() local r = S.dostring(rings, "return 1") return r end))
print(pcall(string.rep, S))
print(select(2, pcall(error, S)) == S)

-- A state object the master collects closes its slave: the slave's
-- finalizers run then (observed through a file the finalizer writes).
local name = os.tmpname()
local function written()
  local f = assert(io.open(name, "rb"))
  local content = f:read("a")
  f:close()
  return content
end
do
  local T = rings.new()
  assert(T:dostring([[
    local name = ...
    collectgarbage("stop") -- only closing the state finalizes this
    mark = setmetatable({}, {__gc = function()
      local f = io.open(name, "wb")
      f:write("closed by the collector")
      f:close()
    end})
  ]], name))
end
print(string.format("%q", written()))
collectgarbage()
collectgarbage()
print(string.format("%q", written()))
assert(written() == "closed by the collector")

-- An explicit close runs them as well, at once.
local U = rings.new()
assert(U:dostring([[
  local name = ...
  mark = setmetatable({}, {__gc = function()
    local f = io.open(name, "wb")
    f:write("closed by close()")
    f:close()
  end})
]], name))
print(string.format("%q", written()))
U:close()
print(string.format("%q", written()))
assert(written() == "closed by close()")
-- Collecting a closed state does nothing more.
U = nil
collectgarbage()
assert(written() == "closed by close()")
os.remove(name)
print("done")
