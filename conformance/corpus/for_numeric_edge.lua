-- numeric for loop edge cases: overflow, huge limits, zero step, bad types
local maxi = 9223372036854775807
local mini = -maxi - 1
for i = maxi - 2, maxi do print(i) end
for i = mini, mini + 2 do print(i) end
for i = mini + 2, mini, -1 do print(i) end
for i = maxi, maxi - 4, -2 do print(i) end
for i = 1, 1/0, maxi do print("inf limit", i) end
for i = 1, -1/0 do print("never") end
for i = 3, 2.5 do print("never2") end
for i = maxi - 1, 1e100 do print("float limit beyond maxint", i) end
for i = -3, -1e100, mini do print("tiny", i) end
local function try(s)
  local f, e = load(s, "=input")
  if not f then print("compile", e) return end
  print(pcall(f))
end
try("for i = 1, 10, 0 do end")
try("for i = 1.0, 10, 0.0 do end")
try("for i = 'a', 2 do end")
try("for i = 1, {} do end")
try("for i = 1, 2, nil do end")
try("for i = '1', 2 do end")
try("local t = {} for i = t, 2 do end")
