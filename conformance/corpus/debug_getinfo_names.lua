-- getinfo's name and namewhat: how the caller named the function.
local function me(level)
  local t = debug.getinfo((level or 1) + 1, "n")
  return tostring(t.namewhat) .. ":" .. tostring(t.name)
end
function global_fn() return me() end
local function local_fn() return me() end
local obj = {}
function obj.field_fn() return me() end
function obj:method_fn() return me() end
local function up_fn() return me() end
local function uses_up() return up_fn() end
print(global_fn())
print(local_fn())
print(obj.field_fn())
print(obj:method_fn())
print((uses_up()))
print((function() return me() end)())
local t = {inner = {deep = function() return me() end}}
print(t.inner.deep())
for i, v in function(s, c) if not c then return 1, me() end end do print(v) end
local mt = {}
local function mm(a, b) return me() end
for _, e in ipairs({"__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm",
    "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr", "__bnot",
    "__concat", "__len", "__index", "__call"}) do
  mt[e] = mm
end
local a = setmetatable({}, mt)
print(a + 1, a - 1, a * 1, a / 1, a % 1, a ^ 1, -a)
print(a // 1, a & 1, a | 1, a ~ 1, a << 1, a >> 1, ~a)
print(a .. "x", #a, a.key, a())
local cmp = setmetatable({}, {__lt = function() print(me()) return true end,
  __le = function() print(me()) return true end,
  __eq = function() print(me()) return true end})
local cmp2 = setmetatable({}, getmetatable(cmp))
print(cmp < cmp2, cmp <= cmp2, cmp == cmp2, cmp > 1)
local nw = setmetatable({}, {__newindex = function() print(me()) end})
nw.x = 1
do
  local c <close> = setmetatable({}, {__close = function() print(me()) end})
end
print(pcall(me))
print(select(2, pcall(me, 2)))
local co = coroutine.wrap(function() print(me()) end)
co()
