-- __close receives the value and the error; nil/false are skipped
local log = {}
local function named(n)
  return setmetatable({n = n}, {__close = function(self, err)
    log[#log + 1] = self.n .. (err and (":" .. tostring(err)) or "")
  end})
end
do
  local a <close> = named("1")
  local skip <close> = false
  local b <close> = named("2")
  local skip2 <close> = nil
  local c <close> = named("3")
end
print(log[1], log[2], log[3], #log)
log = {}
local ok = pcall(function()
  local a <close> = named("x")
  local b <close> = named("y")
  error({code = 1})
end)
print(ok, log[1] ~= nil, log[2] ~= nil, #log)
log = {}
local co = coroutine.wrap(function()
  local a <close> = named("co")
  coroutine.yield("yielded")
  return "back"
end)
print(co(), #log)
print(co(), log[1])
