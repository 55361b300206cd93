-- to-be-closed variables close in reverse order at scope exit
local log = {}
local function closer(name)
  return setmetatable({}, {__close = function(self, err)
    log[#log + 1] = name .. ":" .. tostring(err)
  end})
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = nil
  local d <close> = false
  log[#log + 1] = "body"
end
print(#log)
for i, v in ipairs(log) do print(i, v) end
log = {}
local function f()
  local x <close> = closer("x")
  return "returned", #log
end
print(f())
print(log[1])
log = {}
for i = 1, 2 do
  local y <close> = closer("loop" .. i)
  if i == 2 then break end
end
print(log[1], log[2])
log = {}
do
  local z <close> = closer("goto")
  goto out
end
::out::
print(log[1])
