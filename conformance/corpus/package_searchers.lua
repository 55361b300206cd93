-- Custom searchers: what they return decides what require does.
package.path, package.cpath = "", ""
local log = {}
local function add(f) package.searchers[#package.searchers + 1] = f end

add(function(name)
  log[#log + 1] = "A:" .. name
  if name == "num" then return 12 end
  if name == "tbl" then return {} end
  return nil
end)
add(function(name)
  log[#log + 1] = "B:" .. name
  if name == "found" then
    return function(n, extra) return "module " .. n .. " with " .. tostring(extra) end, "EXTRA"
  end
  if name == "onlyfn" then
    return function(...) return select('#', ...) end
  end
  return "\n\tsearcher B has no " .. name
end)

print(require("found"))
print(require("onlyfn"))
print(pcall(require, "num"))
print(pcall(require, "tbl"))
print(pcall(require, "zzz"))
for _, l in ipairs(log) do print(l) end

-- searchers run in order; the first loader wins
package.searchers = {
  function(n) return function() return "first" end, 1 end,
  function(n) return function() return "second" end, 2 end,
}
print(require("order"))
-- an empty list of searchers
package.searchers = {}
print(pcall(require, "nothing"))
-- not a table
package.searchers = 3
print(pcall(require, "nothing"))
package.searchers = nil
print(pcall(require, "nothing"))
-- already loaded modules do not need searchers
print(require("string") == string)
