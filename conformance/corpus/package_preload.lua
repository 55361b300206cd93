-- package.preload: loaders receive the name and ":preload:", and what they
-- return (or true) is stored in package.loaded.
package.preload.mod1 = function(...)
  print("loading", select('#', ...), ...)
  return {name = ...}
end
local m, data = require("mod1")
print(m.name, data, package.loaded.mod1 == m)
print(require("mod1") == m, select('#', require("mod1")))

package.preload.none = function() end
print(require("none"), package.loaded.none)

package.preload.self = function(name)
  package.loaded[name] = "set by the loader"
end
print(require("self"))

package.preload.both = function(name)
  package.loaded[name] = "set"
  return "returned"
end
print(require("both"), package.loaded.both)

package.preload.falsy = function() return false end
print(require("falsy"), package.loaded.falsy)
-- false in package.loaded does not count as loaded: the loader runs again
package.preload.falsy = function() print("again") return 1 end
print(require("falsy"))

-- a number as a name is converted to a string
package.preload["42"] = function(n) return "n" .. n end
print(require(42), package.loaded["42"])

-- a preload entry that is not a function: a string is a reason
package.path, package.cpath = "", ""
package.preload.str = "not a loader"
print(pcall(require, "str"))
package.preload.tab = {}
print(pcall(require, "tab"))
