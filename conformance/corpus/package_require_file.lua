-- Requiring Lua files found through package.path.
package.path = "./?.lua"
package.cpath = ""
local m, file = require("package_module")
print(m.greet("you"), m.name, file)
print(require("package_module") == m, package.loaded.package_module == m)
-- a second require does not run the file again
print(select('#', require("package_module")))
-- the separator in module names becomes a directory separator
package.path = "./?.lua;./?"
print(pcall(require, "package_module.sub"))
-- a runtime error in the module propagates
print(pcall(require, "package_module_error"))
print(package.loaded.package_module_error)
-- the first template that names a readable file is used
package.path = "./missing_?.lua;./?.lua"
package.loaded.package_module = nil
local m2, file2 = require("package_module")
print(m2 ~= m, file2)
