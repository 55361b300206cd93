-- select with negative indices counts from the end
local function last(...) return (select(-1, ...)) end
local function lastn(n, ...) return select(-n, ...) end
print(last(1, 2, 3), last("only"))
print(lastn(2, "a", "b", "c", "d"))
print(lastn(4, "a", "b", "c", "d"))
print(pcall(lastn, 5, "a", "b", "c", "d"))
print(pcall(last))
print(select(-1, nil), select('#', select(-1, nil, nil)))
print(select(2, select(-2, 1, 2, 3)))
print(select(100, 1, 2))
