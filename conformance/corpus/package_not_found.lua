-- The "module not found" message lists what each searcher tried.
package.path = "?.lua;?/?"
package.cpath = "?.so;?/init"
print(pcall(require, "XXX"))
print(pcall(require, "a.b.c"))
package.path = "./?.nolua;;;x/?/y"
package.cpath = ""
print(pcall(require, "m.n"))
package.path = ""
print(pcall(require, "m"))
package.path = "no/??/?"
print(pcall(require, "twice.over"))
-- an error value, not just a message
local ok, msg = pcall(require, "XXX")
print(ok, type(msg))
