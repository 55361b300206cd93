-- file:lines: formats, the file stays open, iterating a closed file
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("1 2 3\n4 5 6\nseven\n\nnine")
f:close()

f = assert(io.open(name))
for l in f:lines() do io.write("[", l, "]") end
print()
print(io.type(f), f:read("a"), f:seek("set"))
for a, b in f:lines("n", "n") do print(a, b) end
print(f:read("l"), f:read("L"))
f:seek("set")
for l in f:lines("L") do io.write(l) end
print()
f:seek("set")
for c in f:lines(4) do io.write("<", c, ">") end
print()
f:seek("set")
for a, b, c in f:lines(1, 0, "l") do io.write(a, "|", b, "|", c, ";") break end
print()

-- the iterator is independent of the loop
f:seek("set")
local next_line = f:lines("l")
print(next_line(), next_line(), next_line())
f:close()
print(pcall(next_line))

-- too many formats
f = assert(io.open(name))
local many = load("local f = ... return f:lines(" .. string.rep('"l", ', 250) .. '"l")')
local enough = load("local f = ... return f:lines(" .. string.rep('"l", ', 249) .. '"l")')
print(pcall(many, f))
print(type(enough(f)))
local loaded = load("return io.lines(...," .. string.rep('"l", ', 250) .. '"l")')
print(pcall(loaded, name))
print(pcall(function () local it = f:lines("x"); return it() end))
print(pcall(function () local it = f:lines({}); return it() end))
f:close()
print(pcall(f.lines, f))
print(os.remove(name))
