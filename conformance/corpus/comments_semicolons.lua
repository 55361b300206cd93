-- comments and empty statements
-- line comment
print("one") -- trailing comment
--[[ block
comment ]] print("two")
--[==[ level ]] ]=] ]==] print("three")
;;;
local a = 1; local b = 2;
print(a + b);
---[[ not a block comment
print("four")
--]]
print("five") --[[ inline ]] print("six")
-- load() does not skip a first line starting with "#" (only files do)
print(load("#!/usr/bin/lua\nreturn 1", "=input"))
print(load("--[[x]]return 2")())
