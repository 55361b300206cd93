-- table.sort on strings: byte order
local t = {"banana", "apple", "Cherry", "apple pie", "", "a", "B", "\0x", "~", "10", "9"}
table.sort(t)
for i = 1, #t do print(i, #t[i], t[i] == "\0x" and "NUL x" or t[i]) end
local u = {"z", "y", "x", "w"}
table.sort(u, function(a, b) return a > b end)
print(table.concat(u, ","))
-- case-insensitive with a comparator
local w = {"b", "A", "c", "B", "a", "C"}
table.sort(w, function(x, y) local lx, ly = x:lower(), y:lower() if lx == ly then return x < y end return lx < ly end)
print(table.concat(w, ","))
