-- io.lines(filename, ...): opens, iterates, closes at the end
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("alpha\nbeta\ngamma\n")
f:close()

for l in io.lines(name) do io.write(l, ";") end
print()
for l in io.lines(name, "L") do io.write(l) end
for a, b in io.lines(name, 1, 2) do io.write(a, b, "|") end
print()

-- the four results: iterator, nil, nil, file (the closing value)
local it, s, c, file = io.lines(name)
print(type(it), s, c, io.type(file))
print(it(), it(), it())
print(it())
print(io.type(file))
print(pcall(it))

-- a loop left early closes the file through the closing value
for l in io.lines(name) do
  it = l
  break
end
print(it)

-- open errors are raised, with the file name
print(pcall(io.lines, "/nonexistent-dir/x"))
print(type(io.lines(name, "x")))
print(pcall(function () for l in io.lines(name, "x") do end end))
print(pcall(io.lines, {}))
print(os.remove(name))
