-- package.loaded decides what is loaded; require does not mark modules
-- while they load (5.4 has no sentinel).
package.path, package.cpath = "", ""
package.loaded.fake = "a fake module"
print(require("fake"))
package.loaded.fake = nil
print(pcall(require, "fake"))
package.loaded.zero = 0
print(require("zero"))
package.loaded.f = false
package.preload.f = function() return "reloaded" end
print(require("f"))

-- a module requiring another
package.preload.outer = function()
  local inner = require("inner")
  return "outer(" .. inner .. ")"
end
package.preload.inner = function() return "inner" end
print(require("outer"), package.loaded.inner)

-- a module requiring itself recurses until the stack overflows
package.preload.loop = function() return require("loop") end
local ok, msg = pcall(require, "loop")
print(ok, msg)
print(package.loaded.loop)

-- a loader that errors leaves nothing behind
package.preload.bad = function(name) error("cannot load " .. name) end
print(pcall(require, "bad"))
print(package.loaded.bad)
package.preload.badobj = function() error({code = 7}) end
local ok2, e = pcall(require, "badobj")
print(ok2, type(e), e.code)
