-- io.input / io.output with names and handles; io.read, io.lines, io.close
local name = os.tmpname()
print(io.input() == io.stdin, io.output() == io.stdout)

-- io.output(name) opens for writing and makes it the default output
local out = io.output(name)
print(io.type(out), io.output() == out)
io.write("line 1\n", 2, "\n", 3.5, "\n")
print(io.output(io.stdout) == io.stdout)
print(out:close())

-- io.input(name) opens for reading
local input = io.input(name)
print(io.type(input), io.input() == input)
print(io.read())
print(io.read("n", "n"))
print(io.read("l"))
print(io.read("l"))
print(io.read(0))
input:seek("set")
for l in io.lines() do io.write("<", l, ">") end
print()
print(io.type(input))

-- io.lines() on a closed default input, io.read on it
input:close()
print(pcall(io.lines))
print(pcall(io.read))
print(pcall(io.read, "l"))

-- io.close() with a closed default output
io.output(name)
io.close()
print(pcall(io.write, "x"))
print(pcall(io.flush))
print(pcall(io.close))
io.output(io.stdout)

-- bad arguments
print(pcall(io.input, "/nonexistent-dir/x"))
print(pcall(io.output, "/nonexistent-dir/x"))
print(pcall(io.input, {}))
print(pcall(io.output, true))
local closed = io.open(name); closed:close()
print(pcall(io.input, closed))
print(io.input(nil) == io.input())
io.input(io.stdin)

print(os.remove(name))
