-- A slave's finalizers are the slave's code: they may call remotedostring
-- (and so use stable), whether they run during a dostring, at close, or
-- when the master collects the state object.
local rings = require "rings"

-- During a dostring: the slave's collector runs them.
local S = rings.new()
print(S:dostring([[
  setmetatable({}, {__gc = function()
    remotedostring("during = ...", "from a finalizer during dostring")
  end})
  collectgarbage()
  return "collected"
]]))
print(during)
assert(during == "from a finalizer during dostring")

-- At close, with stable: the value outlives the slave.
_G.S = S
print(S:dostring([[
  local stable = require "stable"
  keep = setmetatable({}, {__gc = function()
    stable.set("farewell", "written while closing")
    -- The master sees the state as closed already.
    local ok, message = remotedostring("return S:dostring('return 1')")
    remotedostring("at_close = ...", tostring(ok) .. " " .. message:match("^[^\n]*"))
  end})
]]))
S:close()
print(_state_persistent_table_.farewell)
print(at_close)
assert(_state_persistent_table_.farewell == "written while closing")

-- When the state object is collected.
do
  local T = rings.new()
  assert(T:dostring([[
    keep = setmetatable({}, {__gc = function() remotedostring("collected = true") end})
  ]]))
end
collectgarbage()
collectgarbage()
print(collected)
assert(collected == true)
print("done")
