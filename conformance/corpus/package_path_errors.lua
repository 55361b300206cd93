-- package.path and package.cpath must be strings (numbers are converted).
package.preload = package.preload
package.path = {}
print(pcall(require, "no-such-module"))
package.path = 12
package.cpath = ""
print(pcall(require, "no-such-module"))
package.path = "?.lua"
package.cpath = false
print(pcall(require, "no-such-module"))
package.cpath = nil
print(pcall(require, "no-such-module"))
package.cpath = 3.5
print(pcall(require, "a.b"))
-- replacing the package table does not change what require uses
local saved = package
package = {path = {}, searchers = 1}
saved.path, saved.cpath = "?.x", "?.y"
print(pcall(require, "still-found-not"))
package = saved
