-- generic for: iterator functions, state, control variable, extra values
local function range(n)
  return function(s, c)
    if c < n then return c + 1, (c + 1) * 10 end
  end, nil, 0
end
for i, v in range(3) do print(i, v) end
for k, v in ipairs({"a", "b", "c"}) do print(k, v) end
for k, v in ipairs({1, 2, nil, 4}) do print("stops", k, v) end
local function iter(t, i)
  i = i + 1
  if t[i] then return i, t[i] end
end
for i, v in iter, {10, 20}, 0 do print(i, v) end
for a, b, c, d in function(_, x) if not x then return 1, 2, 3, 4 end end do
  print(a, b, c, d)
end
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 5 do end end))
local calls = 0
for x in function() calls = calls + 1; if calls < 3 then return calls end end do print("x", x) end
print("calls", calls)
