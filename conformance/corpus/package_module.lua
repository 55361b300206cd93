-- A module used by package_require_file.lua; run alone it is a script.
local name, file = ...
print("package_module running with", select('#', ...), name, file)
local M = {}
function M.greet(who) return "hello " .. who end
M.name = name
return M
