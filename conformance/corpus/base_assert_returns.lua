-- assert returns all its arguments on success
local a, b, c = assert(1, 2, 3)
print(a, b, c)
print(select('#', assert(true)), select('#', assert(true, nil, nil)))
local function check(v) return assert(v, "value was falsy") end
print(pcall(check, 0), pcall(check, false))
local ok, e = pcall(assert, false, nil)
print(ok, e)
local ok2, e2 = pcall(assert, nil, {tag = "tbl"})
print(ok2, type(e2), e2.tag)
