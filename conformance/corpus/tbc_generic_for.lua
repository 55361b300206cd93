-- the fourth value of a generic for is a to-be-closed variable
local log = {}
local function iter_with_close(n)
  local closer = setmetatable({}, {__close = function(_, err) log[#log + 1] = "closed " .. tostring(err) end})
  local i = 0
  return function() i = i + 1; if i <= n then return i end end, nil, nil, closer
end
for i in iter_with_close(3) do log[#log + 1] = "i" .. i end
print(#log, log[1], log[4])
log = {}
for i in iter_with_close(10) do if i == 2 then break end end
print(#log, log[1])
log = {}
local function f()
  for i in iter_with_close(10) do if i == 3 then return "returned at " .. i end end
end
print(f(), log[1])
log = {}
print(pcall(function() for i in iter_with_close(5) do if i == 2 then error("boom", 0) end end end))
print(log[1])
print(pcall(function() for i in next, {}, nil, 42 do end end))
