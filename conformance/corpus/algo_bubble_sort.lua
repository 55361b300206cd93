-- a hand-written sort (no table.sort) over integers, floats and strings
local function sort(t, lt)
  lt = lt or function(a, b) return a < b end
  local n = #t
  for i = 1, n do
    for j = 1, n - i do
      if lt(t[j + 1], t[j]) then t[j], t[j + 1] = t[j + 1], t[j] end
    end
  end
  return t
end
local function show(t) local s = "" for i, v in ipairs(t) do s = s .. tostring(v) .. " " end print(s) end
show(sort({5, 3, 9, 1, 7, -2, 0}))
show(sort({2.5, 1, -0.5, 3, 2}))
show(sort({"pear", "apple", "fig", "Banana", "apple2"}))
show(sort({3, 1, 2}, function(a, b) return a > b end))
