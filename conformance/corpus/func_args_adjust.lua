-- extra arguments are dropped, missing ones are nil
local function two(a, b) return a, b end
print(two())
print(two(1))
print(two(1, 2, 3))
local function count(...) return select('#', ...) end
print(count(two(1, 2)), count(two()), count(two(nil, nil)))
local function named_and_va(a, ...) return a, count(...) end
print(named_and_va(), named_and_va(1, 2, 3))
local function returns_nothing() end
print(count(returns_nothing()), count(returns_nothing(), nil))
