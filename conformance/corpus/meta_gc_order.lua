-- finalizers run in reverse order of marking; all pending ones run at exit is not tested
local order = {}
local function mk(name) return setmetatable({}, {__gc = function() order[#order + 1] = name end}) end
do
  local a = mk("a")
  local b = mk("b")
  local c = mk("c")
end
collectgarbage()
collectgarbage()
print(#order, order[1], order[2], order[3])
local resurrect
do
  local o = setmetatable({name = "zombie"}, {__gc = function(self) resurrect = self end})
end
collectgarbage()
collectgarbage()
print(resurrect and resurrect.name)
local late = {}
local mt = {}
local obj = setmetatable({}, mt)
mt.__gc = function() late[1] = "should not run: __gc added after setmetatable" end
obj = nil
collectgarbage()
collectgarbage()
print(late[1])
