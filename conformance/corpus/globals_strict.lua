-- a 'strict' environment built with __index/__newindex on _G
local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v)
    if not declared[k] then error("assign to undeclared global '" .. tostring(k) .. "'", 2) end
    rawset(t, k, v)
  end,
  __index = function(_, k) error("undeclared global '" .. tostring(k) .. "'", 2) end,
})
print(pcall(function() return nosuch end))
print(pcall(function() newglobal = 1 end))
declared.newglobal = true
newglobal = 5
print(newglobal)
print(rawget(_G, "nosuch"))
setmetatable(_G, nil)
print(nosuch)
