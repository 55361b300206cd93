-- error level 2 blames the caller, even when the caller is another chunk
local lib = load([[
local M = {}
function M.check(x)
  if type(x) ~= "number" then error("number expected, got " .. type(x), 2) end
  return x
end
return M
]], "=lib")()
local user = load("local lib = ...\nreturn lib.check('str')", "=user")
print(pcall(user, lib))
print(pcall(lib.check, {}))
local function direct() return lib.check(nil) end
print(pcall(direct))
print(pcall(load("local lib = ...\n\n\nlib.check(true)", "@user.lua"), lib))
