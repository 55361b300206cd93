-- Integer loops whose iteration count does not fit in a signed integer,
-- and float limits beyond the integer range: the count is unsigned.
local function first_three(from, to, step)
  local seen = {}
  for i = from, to, step do
    seen[#seen + 1] = i
    if #seen == 3 then break end
  end
  return #seen, seen[1], seen[2], seen[3]
end

print(first_three(-1, 0x7fffffffffffffff, 1))
print(first_three(0x8000000000000000, 0x7fffffffffffffff, 1))
print(first_three(0x7fffffffffffffff, 0x8000000000000000, -1))
print(first_three(1, -1e100, -1))
print(first_three(-1, 1e100, 1))
print(first_three(0, 0x7fffffffffffffff, 0x4000000000000000))
print(first_three(0, 0x8000000000000000, -0x4000000000000000))
print(pcall(load("return coroutine.yield(1)")))
