-- require's argument.
print(pcall(require))
print(pcall(require, nil))
print(pcall(require, {}))
print(pcall(require, true))
print(pcall(function() return require() end))
print(pcall(function() local t = {} return require(t) end))
package.path, package.cpath = "", ""
package.preload["1.5"] = function(n) return "float name " .. n end
print(require(1.5))
package.preload["10"] = function(n) return n end
print(require(10), require("10"))
print(pcall(require, "a\0b"))
