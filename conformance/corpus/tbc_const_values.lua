-- <const> locals: constants folded, captured by closures, tables still mutable
local N <const> = 10
local S <const> = "str"
local F <const> = 2.5
local T <const> = {count = 0}
local function f() return N * 2, S .. "!", F * 2 end
print(f())
T.count = T.count + 1
print(T.count)
local G <const> = N // 3
print(G, N % 3, -N, ~N, N << 1)
local B <const> = true
if B then print("const true branch") end
local NIL <const> = nil
print(NIL == nil, not NIL)
local fs = {}
for i = 1, 3 do
  local C <const> = i * N
  fs[i] = function() return C end
end
print(fs[1](), fs[2](), fs[3]())
