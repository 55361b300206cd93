-- Rings: Lua states that create Lua states, each with its own heap.
-- Run with: cargo run --release -- examples/rings.lua
local rings = require "rings"

-- A slave state: its own globals, every standard library.
local slave = rings.new()

-- dostring runs code there, with arguments as `...`; it returns true and
-- the results, or false and the error message.
print(slave:dostring("local a, b = ... return a + b, _VERSION", 2, 3)) --> true  5  Lua 5.4
print(slave:dostring("error('oops', 0)")) --> false  oops, then a traceback

-- remotedostring runs code back in the master: here, a master function.
function greet(name) return "hello from the master, " .. name end
print(slave:dostring("return remotedostring('return greet(...)', 'slave')"))
--> true  true  hello from the master, slave

-- stable: a table kept in the master, shared by its slaves.
local counter = [[
  local stable = require "stable"
  local count = (stable.get("visits") or 0) + 1
  stable.set("visits", count)
  return count
]]
local other = rings.new()
print(slave:dostring(counter)) --> true  1
print(other:dostring(counter)) --> true  2

-- Limits: a runaway slave is stopped, and stays usable.
local limited = rings.new(nil, {instructions = 1000000, memory = 8 * 1024 * 1024})
print(limited:dostring("while true do end")) --> false  instruction limit exceeded
print(limited:dostring("return 'still here'")) --> true  still here

slave:close()
other:close()
limited:close()
