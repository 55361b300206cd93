-- table.remove: argument errors
print(pcall(table.remove))
print(pcall(table.remove, nil))
print(pcall(table.remove, 12))
-- "position out of bounds" is reported as argument #1 by 5.4.4 and #2 by
-- 5.4.8 (Saturn follows 5.4.8): those cases are in stdlib/tests/table_math_utf8.rs.
print(pcall(table.remove, {1}, 1.5))
print(pcall(table.remove, {1}, "x"))
print(pcall(table.remove, {1}, {}))
