-- pending finalizers run when the state is closed at exit, in reverse order of creation
local function obj(name)
  return setmetatable({}, {__gc = function() print("finalizing " .. name) end})
end
a = obj("first")
b = obj("second")
c = obj("third")
print("end of script")
