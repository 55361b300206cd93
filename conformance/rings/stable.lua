-- stable: a table kept in the master for its slaves, shared by slaves
-- with the same remotedostring environment and outliving its writers.
local rings = require "rings"

-- Loading it in a state that is not a slave fails with a clear message.
local ok, message = pcall(require, "stable")
print(ok, message)
assert(not ok and message:find("not a rings slave", 1, true))
print(package.loaded.stable)

local A, B = rings.new(), rings.new()
-- The module: get and set; loading it leaves the slave's _VERSION (and
-- other globals) alone, and creates the table in the master.
print(A:dostring([[
  local before = _VERSION
  stable = require "stable"
  local names = {}
  for k in pairs(stable) do names[#names + 1] = k end
  table.sort(names)
  return _VERSION == before, _VERSION, table.concat(names, " "),
         _COPYRIGHT, _DESCRIPTION, require("stable") == stable
]]))
print(type(_state_persistent_table_), next(_state_persistent_table_))

-- get of a missing key is nil; set returns nothing.
print(A:dostring("return stable.get('missing')"))
print(A:dostring("return select('#', stable.set('k', 'v'))"))
print(A:dostring("return stable.get('k')"))
assert(select(2, A:dostring("return stable.get('k')")) == "v")
print(_state_persistent_table_.k)

-- Values of every kind that crosses states, under keys of several kinds.
print(A:dostring([[
  stable.set(1, 1.5)
  stable.set(1.0 + 1, math.mininteger)
  stable.set(true, "a\0b")
  stable.set("t", {})
  return stable.get(1), stable.get(2), stable.get(true) == "a\0b", stable.get("t")
]]))
print(_state_persistent_table_[1], _state_persistent_table_[2], _state_persistent_table_.t)
-- A nil key cannot be set: the remote chunk fails and set stays silent.
print(A:dostring("return select('#', stable.set(nil, 1)), stable.get(nil)"))
-- Setting nil removes.
print(A:dostring("stable.set('k', nil) return stable.get('k')"))
print(_state_persistent_table_.k)

-- Another slave sharing the environment sees the same table.
print(B:dostring("local stable = require 'stable' stable.set('from B', 2) return stable.get(1)"))
print(A:dostring("return stable.get('from B')"))
-- It survives the close of the slave that wrote it.
A:close()
print(B:dostring("return require('stable').get(2)"))
assert(select(2, B:dostring("return require('stable').get(2)")) == math.mininteger)
local C = rings.new()
print(C:dostring("return require('stable').get('from B')"))

-- Slaves with another environment have another table (stable's remote
-- chunks use `select`).
local env = {select = select}
local D = rings.new(env)
print(D:dostring("stable = require 'stable' stable.set('from B', 'D') return stable.get('from B')"))
print(type(env._state_persistent_table_), _state_persistent_table_["from B"])
local E = rings.new(env)
print(E:dostring("return require('stable').get('from B')"))

-- get answers nil when the remote call fails (the C library returned the
-- error message as if it were the value).
env._state_persistent_table_ = setmetatable({}, {__index = function(_, key)
  error("no key " .. tostring(key))
end})
print(E:dostring("return require('stable').get('broken')"))
-- A shared table replaced in the master is what slaves see next.
env._state_persistent_table_ = {replaced = true}
print(D:dostring("return stable.get('replaced')"))

-- A nested slave's stable lives in its own master (the slave).
print(B:dostring([[
  local F = require("rings").new()
  local r = {F:dostring("local stable = require 'stable' stable.set('nested', 1) return stable.get('nested')")}
  F:close()
  return type(_state_persistent_table_), _state_persistent_table_.nested, table.unpack(r)
]]))
print(_state_persistent_table_.nested)
for _, state in ipairs({B, C, D, E}) do state:close() end
print("done")
