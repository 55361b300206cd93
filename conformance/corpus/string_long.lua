-- long strings and long comments
local a = [[
first newline is skipped
second line]]
print(a)
print([==[contains ]] and ]=] inside]==])
print([[]] == "", #[[

]])
--[[ a long
comment ]] print("after long comment")
--[==[ another
]] still comment
]==] print("after level-2 comment")
print([[no \n escapes \t here]])
local b = [=[
]=]
print(#b, b == "")
print([[a]] .. [=[b]=] .. [==[c]==])
-- a short comment ]]
print(#[[
x
]])
