-- Each state has its own globals: nothing set in one is seen in the other,
-- every slave has the standard libraries, and `remotedostring` only in
-- slaves.
local rings = require "rings"

shared_name = "master's"
local A, B = rings.new(), rings.new()

-- A slave does not see the master's globals, nor the master a slave's.
print(A:dostring("return shared_name"))
print(A:dostring("shared_name = 'A\\'s' return shared_name"))
print(shared_name)
print(B:dostring("return shared_name"))
print(A:dostring("return shared_name"))
assert(shared_name == "master's")
assert(select(2, B:dostring("return shared_name")) == nil)

-- A slave's globals last from one dostring to the next.
assert(A:dostring("counter = (counter or 0) + 1"))
assert(A:dostring("counter = (counter or 0) + 1"))
print(A:dostring("return counter"))
assert(select(2, A:dostring("return counter")) == 2)
print(B:dostring("return counter"))

-- Standard libraries are opened in every slave; rings and stable are not
-- loaded there, but can be required.
print(A:dostring([[
  return type(string), type(table), type(math), type(io), type(os),
         type(coroutine), type(debug), type(utf8), type(package), _VERSION
]]))
print(A:dostring("return rings, package.loaded.rings, package.loaded.stable"))
print(A:dostring("return type(package.preload.rings), type(package.preload.stable)"))

-- The slave's string metatable and library are its own.
string.master_only = true
print(A:dostring("return string.master_only, ('x'):rep(3)"))
string.master_only = nil

-- `remotedostring` is a global of slaves only.
print(remotedostring, A:dostring("return type(remotedostring)"))
assert(remotedostring == nil)
-- Redefining it in a slave only changes that slave.
print(A:dostring("remotedostring = nil return remotedostring"))
print(B:dostring("return type(remotedostring), remotedostring('return 1 + 1')"))

-- A slave's errors and state changes do not reach the master.
local ok, message = A:dostring("os.exit = nil collectgarbage('stop') error('slave error', 0)")
print(ok, message:match("^[^\n]*"))
print(type(os.exit), collectgarbage("isrunning"))
A:close()
B:close()
print("done")
