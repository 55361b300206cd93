-- compile-time limits reported as errors (numbers of locals, upvalues, nesting)
local function c(s)
  local f, e = load(s, "=input")
  print(f and "compiled" or e)
end
local src = "local a1"
for i = 2, 201 do src = src .. ", a" .. i end
c(src)
local ok = "local b1"
for i = 2, 199 do ok = ok .. ", b" .. i end
c(ok)
local nest = ""
for i = 1, 100 do nest = nest .. "(" end
nest = "return " .. nest .. "1"
for i = 1, 100 do nest = nest .. ")" end
c(nest)
local deep = ""
for i = 1, 50 do deep = deep .. "do " end
for i = 1, 50 do deep = deep .. "end " end
c(deep)
-- (the exact nesting limit, LUAI_MAXCCALLS, is an implementation detail: not tested)
