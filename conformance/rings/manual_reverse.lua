-- The first example of the Rings 1.3 manual, verbatim: code with arguments and results.
local rings = require "rings"

local code = [[
   local args_reversed = {}

   for _, value in ipairs({...}) do
      table.insert(args_reversed, 1, value)
   end

   return table.unpack(args_reversed)
]]

local state = rings.new()
print(state:dostring(code, 1, 2, 3)) -- true, 3, 2, 1
state:close()
