-- Stripped dumps lose line numbers and names; messages show '?' as PUC's.
local function index_nil() local t = nil; return t.x end
print(pcall(load(string.dump(index_nil))))
print(pcall(load(string.dump(index_nil, true))))
local function call_global() return undefined_global_function() end
print(pcall(load(string.dump(call_global))))
print(pcall(load(string.dump(call_global, true))))
local function arith(a) return a + {} end
print(pcall(load(string.dump(arith)), 1))
print(pcall(load(string.dump(arith, true)), 1))
local function err(level) error("message", level) end
print(pcall(load(string.dump(err)), 1))
print(pcall(load(string.dump(err, true)), 1))
print(pcall(load(string.dump(err, true)), 2))
local function concat() local s = "a" .. {} end
print(pcall(load(string.dump(concat, true))))
local function field(t) return t.a.b end
print(pcall(load(string.dump(field, true)), {}))
print(pcall(load(string.dump(field)), {}))
local function up_call() return index_nil() end
print(pcall(load(string.dump(up_call, true))))
print(pcall(load(string.dump(up_call))))
local function compare(a, b) return a < b end
print(pcall(load(string.dump(compare, true)), 1, "x"))
local function for_loop() for i = 1, "x" do end end
print(pcall(load(string.dump(for_loop, true))))
-- stripped functions still run normally
local function ok(...) return select('#', ...) end
print(load(string.dump(ok, true))(1, 2, 3))
