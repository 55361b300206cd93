-- table.insert: argument errors and their messages
print(pcall(table.insert))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert, "abc", 1))
print(pcall(table.insert, {}))
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(table.insert, {}, 0, "x"))
print(pcall(table.insert, {}, 2, "x"))
print(pcall(table.insert, {1, 2}, 4, "x"))
print(pcall(table.insert, {1, 2}, -1, "x"))
print(pcall(table.insert, {}, 1.5, "x"))
print(pcall(table.insert, {}, "x", "y"))
print(pcall(table.insert, {}, {}, "y"))
print(pcall(table.insert, {}, math.mininteger, "y"))
-- luaL_error messages get the position of the caller
print(pcall(function() table.insert({}, 1, 2, 3) end))
-- called as a method or through a local
local ins = table.insert
print(pcall(function() ins(nil, 1) end))
local obj = {insert = table.insert}
print(pcall(function() obj:insert(1, 2, 3) end))
