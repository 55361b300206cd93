-- errors caught and re-raised keep or gain position information
local function inner() error("original") end
local ok, e = pcall(inner)
print(e)
local ok2, e2 = pcall(function() error(e) end)
print(e2)
local ok3, e3 = pcall(function() error(e, 0) end)
print(e3 == e)
local ok4, e4 = pcall(function()
  local ok5, e5 = pcall(error, {n = 1})
  e5.n = e5.n + 1
  error(e5)
end)
print(type(e4), e4.n)
local function wrapper(f)
  local ok6, err = pcall(f)
  if not ok6 then error("wrapped: " .. err, 0) end
end
print(pcall(wrapper, function() error("deep", 0) end))
