-- The second example of the Rings 1.3 manual, verbatim: a counter kept by stable.
local rings = require "rings"

local code = [[
   local stable = require "stable"

   local count = stable.get("shared_counter") or 0
   stable.set("shared_counter", count + 1)
   return count
]]

local state = rings.new()
print(state:dostring(code)) -- true, 0
print(state:dostring(code)) -- true, 1
state:close()

local another_state = rings.new()
print(another_state:dostring(code)) -- true, 2
another_state:close()
