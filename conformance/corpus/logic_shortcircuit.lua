-- 'and'/'or' return operands and short-circuit
local calls = 0
local function t() calls = calls + 1; return true end
local function f() calls = calls + 1; return false end
print(nil and t(), calls)
print(false or t(), calls)
print(1 and 2, nil and 2, false and nil, 1 or error("no"), nil or "default")
print(t() or f(), calls)
print(f() and t(), calls)
print(0 and "zero is true", "" and "empty is true")
local x = nil
local v = x and x.field or "fallback"
print(v)
print(false == nil, not nil == true, (nil or false) == false)
local function multi() return 1, 2 end
print(multi() and multi())
print((multi()) or 5, nil or multi())
