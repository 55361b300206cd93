-- nested tables as matrices; integer and float results
local function mat(n, f)
  local m = {}
  for i = 1, n do m[i] = {} for j = 1, n do m[i][j] = f(i, j) end end
  return m
end
local function mul(a, b)
  local n = #a
  return mat(n, function(i, j)
    local s = 0
    for k = 1, n do s = s + a[i][k] * b[k][j] end
    return s
  end)
end
local A = mat(3, function(i, j) return i + j end)
local I = mat(3, function(i, j) return i == j and 1 or 0 end)
local P = mul(A, A)
for i = 1, 3 do print(P[i][1], P[i][2], P[i][3]) end
local Q = mul(A, I)
print(Q[2][3], Q[3][3])
local F = mul(A, mat(3, function() return 0.5 end))
print(F[1][1], F[3][3])
