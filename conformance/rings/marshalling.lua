-- Values crossing between states, in both directions, as arguments and as
-- results: nil, booleans, integers and floats (kept apart, extremes
-- included), strings (byte-exact) and light userdata pass unchanged; a full
-- userdata becomes a light userdata (its address); tables, functions and
-- threads become nil in place, without shifting the values after them.
local rings = require "rings"

-- The same description code runs in both states.
local DESCRIBE = [[
  local function describe(v)
    local t = type(v)
    if t == "number" then
      if v ~= v then return "float nan" end
      if math.type(v) == "integer" then return string.format("integer %d", v) end
      if v == math.huge then return "float inf" end
      if v == -math.huge then return "float -inf" end
      if v == 0 and 1 / v == -math.huge then return "float -0.0" end
      return string.format("float %.17g", v)
    elseif t == "string" then
      local bytes = #v <= 16 and {string.byte(v, 1, -1)}
        or {string.byte(v, 1), "...", string.byte(v, -1)}
      return string.format("string #%d [%s]", #v, table.concat(bytes, ","))
    elseif t == "userdata" then
      -- What arrives from another state has no metatable and prints as a
      -- plain userdata, whatever it was there.
      local plain = getmetatable(v) == nil and tostring(v):match("^userdata: 0x%x+$") ~= nil
      return plain and "userdata (light)" or "userdata (full)"
    elseif t == "boolean" then
      return t .. " " .. tostring(v)
    end
    return t
  end
  return function(...)
    local out = {}
    for i = 1, select("#", ...) do
      out[i] = i .. ": " .. describe((select(i, ...)))
    end
    return select("#", ...) .. " values\n" .. table.concat(out, "\n")
  end
]]
describe_all = load(DESCRIBE)()

-- The values (the same list is built in the slave by VALUES).
local VALUES = [[
  return nil, true, false, 0, -1, math.maxinteger, math.mininteger,
    1.0, -0.0, 0.1, 1 / 0, -1 / 0, 0 / 0, 2^63, math.pi,
    "", "a\0b\0", "\255\0\1\n", ("x"):rep(1000),
    {1, 2}, print, function() end, coroutine.create(print), io.stdout,
    42, nil
]]
local values = table.pack(load(VALUES)())
assert(values.n == 26)
local expected = describe_all(table.unpack(values, 1, values.n))
-- What arrives: tables, functions and threads as nil, the full userdata as
-- a light one, all else unchanged, at the same positions.
local arrived = expected
  :gsub("\n20: table[^\n]*", "\n20: nil")
  :gsub("\n21: function[^\n]*", "\n21: nil")
  :gsub("\n22: function[^\n]*", "\n22: nil")
  :gsub("\n23: thread[^\n]*", "\n23: nil")
  :gsub("\n24: userdata %(full%)", "\n24: userdata (light)")
print(arrived)

local S = rings.new()
assert(S:dostring("describe_all = load(...)()", DESCRIBE))

-- 1. master -> slave, arguments of dostring.
local ok, seen = S:dostring("return describe_all(...)", table.unpack(values, 1, values.n))
print("master -> slave arguments:", ok, seen == arrived)
assert(ok and seen == arrived, seen)

-- 2. slave -> master, results of dostring.
local results = table.pack(S:dostring(VALUES))
print("slave -> master results:", results.n, results[1])
assert(results.n == 27 and results[1] == true)
seen = describe_all(table.unpack(results, 2, results.n))
print(seen == arrived)
assert(seen == arrived, seen)

-- 3. slave -> master, arguments of remotedostring.
ok, seen = S:dostring("return select(2, remotedostring('return describe_all(...)', load(...)()))", VALUES)
print("slave -> master arguments:", ok, seen == arrived)
assert(ok and seen == arrived, seen)

-- 4. master -> slave, results of remotedostring.
local _, n, status, slave_view = S:dostring([[
  local r = table.pack(remotedostring(...))
  return r.n, r[1], describe_all(table.unpack(r, 2, r.n))
]], VALUES)
print("master -> slave results:", n, status, slave_view == arrived)
assert(n == 27 and status == true and slave_view == arrived, slave_view)

-- No value at all, and only nils, keep their count.
print(select("#", S:dostring("return")), select("#", S:dostring("return nil, nil")))
print(S:dostring("return select('#', ...)"))
print(S:dostring("return select('#', ...)", nil, nil, nil))
print(S:dostring("return select('#', ...)", {}, {}, {}))

-- Light userdata pass through unchanged: the one a full userdata became
-- comes back equal to itself, and holds the address of that userdata.
local light = select(2, S:dostring("return ...", S))
print(type(light), light == S, getmetatable(light))
local again = select(2, S:dostring("return ...", light))
print(again == light, rawequal(again, light))
print(tostring(light):match("0x%x+") == tostring(S):match("0x%x+"))
assert(again == light and tostring(light):match("0x%x+") == tostring(S):match("0x%x+"))
-- A full userdata made in the slave arrives with its address too.
local from_slave, slave_text = select(2, S:dostring([[
  local T = require("rings").new()
  keep = T
  return T, tostring(T)
]]))
print(type(from_slave), tostring(from_slave):match("0x%x+") == slave_text:match("0x%x+"))
assert(tostring(from_slave):match("0x%x+") == slave_text:match("0x%x+"))

-- Integer and float keys of the same value stay apart in the other state.
print(S:dostring("local i, f = ... return math.type(i), math.type(f), i == f", 3, 3.0))
S:close()
