-- variable descriptions in messages: upvalues, fields of upvalues, globals via _ENV
local config = {}
local count
local function a() return config.missing.field end
local function b() return count + 1 end
local function c() return config:method() end
local function d() return config.sub.deeper end
local function e() undefined_global_fn() end
local function f() local x = config.list; return x[1] end
for _, fn in ipairs({a, b, c, d, e, f}) do print(select(2, pcall(fn))) end
