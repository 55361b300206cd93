-- The package table and require: fields, types, and their links to the
-- registry tables (package.loaded is the table require consults).
print(type(require), type(package))
print(type(package.path), type(package.cpath), type(package.config))
print(type(package.loaded), type(package.preload), type(package.searchers))
print(type(package.searchpath), type(package.loadlib))
print(package.loaded.package == package, package.loaded._G == _G)
print(package.loaded.string == string, package.loaded.coroutine == coroutine)
print(#package.searchers)
for i, s in ipairs(package.searchers) do print(i, type(s)) end
-- the configuration string: five lines
local lines = {}
for i = 1, #package.config do
  local c = package.config:sub(i, i)
  if c == "\n" then lines[#lines + 1] = "|" else lines[#lines + 1] = c end
end
local joined = ""
for _, c in ipairs(lines) do joined = joined .. c end
print(joined)
-- require finds libraries already loaded
print(require("string") == string, require("_G") == _G, require("package") == package)
print(select('#', require("string")))
