-- Binary chunks made by string.dump run through dostring and
-- remotedostring, and dumps cross as strings in both directions.
local rings = require "rings"
local S = rings.new()

-- master -> slave: a dumped function runs in the slave with the arguments.
local function count_and_sum(...)
  local sum = 0
  for i = 1, select("#", ...) do sum = sum + select(i, ...) end
  return select("#", ...), sum, who
end
assert(S:dostring("who = 'the slave'"))
who = "the master"
local dump = string.dump(count_and_sum)
print(type(dump), dump:sub(1, 4) == "\27Lua")
print(S:dostring(dump, 1, 2, 3.5))
assert(select(3, S:dostring(dump, 1, 2, 3.5)) == 6.5)
-- Stripped of debug information too.
print(S:dostring(string.dump(count_and_sum, true), 10, 20))

-- slave -> master: a dump made in the slave runs in the master through
-- remotedostring, with the slave's environment there (the master's globals).
print(S:dostring([[
  local dump = string.dump(function(a, b) return a * b, who end)
  return remotedostring(dump, 6, 7)
]]))

-- A dump travels back as a string, byte-exact, and loads in the master.
local ok, slave_dump = S:dostring("return string.dump(function(x) return x .. '!' end)")
print(ok, type(slave_dump), load(slave_dump, "slave dump", "b")("hi"))
assert(load(slave_dump, "slave dump", "b")("hi") == "hi!")

-- Errors in a binary chunk have the traceback too; a broken binary chunk
-- is a compile error.
print(S:dostring(string.dump(function() error("from a dump") end)))
print(S:dostring(string.dump(function() error("from a stripped dump") end, true)))
local ok2, message = S:dostring(dump:sub(1, 20))
print(ok2, message)
assert(ok2 == false and message:find("truncated", 1, true))
S:close()
