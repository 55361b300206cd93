-- A module that fails when required (package_require_file.lua); run alone it
-- prints its arguments.
local name = ...
if name then
  local t = nil
  return t.field
end
print("package_module_error alone", select('#', ...))
