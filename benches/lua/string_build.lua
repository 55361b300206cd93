-- String building: concatenation with `..` in loops and `tostring` of
-- integers and floats. Strings are kept short (rebuilt each round) so
-- the cost is per-operation, not quadratic copying.

local total_len = 0
local last = ""
for round = 1, 40000 do
  local s = ""
  for i = 1, 40 do
    s = s .. tostring(i * round) .. ","
  end
  total_len = total_len + #s
  last = s
end

-- Multi-operand concatenation in one expression, with numbers coerced.
local line_len = 0
for i = 1, 1200000 do
  local line = "item " .. i .. ": " .. (i * 0.5) .. " [" .. (i % 13) .. "]"
  line_len = line_len + #line
end

-- tostring of floats, booleans and nil.
local parts = 0
for i = 1, 800000 do
  local f = i / 8
  parts = parts + #tostring(f) + #tostring(i % 2 == 0) + #tostring(nil)
end

print("strings", total_len, #last, line_len, parts)
print(last)
