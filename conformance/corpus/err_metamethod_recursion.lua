-- Runaway recursion through metamethods that are Lua functions: PUC calls
-- them through the C stack, so the error is "C stack overflow" (plain
-- recursion gives "stack overflow"); the state stays usable afterwards.

local function try(name, f)
  local ok, err = pcall(f)
  print(name, ok, err)
end

local index_loop = setmetatable({}, { __index = function(t, k) return t[k] end })
try("__index", function() return index_loop.x end)

local newindex_loop = setmetatable({}, {})
getmetatable(newindex_loop).__newindex = function(t, k, v) t[k] = v end
try("__newindex", function() newindex_loop.x = 1 end)

local add_loop = setmetatable({}, { __add = function(a, b) return a + b end })
try("__add", function() return add_loop + 1 end)

local lt_loop = setmetatable({}, { __lt = function(a, b) return a < b end })
try("__lt", function() return lt_loop < lt_loop end)

local len_loop = setmetatable({}, { __len = function(t) return #t end })
try("__len", function() return #len_loop end)

local concat_loop = setmetatable({}, { __concat = function(a, b) return a .. b end })
try("__concat", function() return concat_loop .. "x" end)

local function plain() return plain() + 1 end
try("plain", plain)

-- Inside a coroutine too.
try("coroutine", coroutine.wrap(function() return index_loop.y end))

-- Still usable.
print(index_loop ~= nil, #setmetatable({}, { __len = function() return 7 end }))
