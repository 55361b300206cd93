-- file:read with the line formats, old-style names and no format
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("one\ntwo\n\nfour\r\nlast line without newline")
f:close()

f = assert(io.open(name))
print(f:read())
print(f:read("l"))
print(f:read("L"))
print(f:read("*l"))
print(f:read("*L"))
print(f:read("line"))
print(f:read("l"))
print(f:read("L"))
print(f:read())
f:close()

-- several formats per call stop at the first failure
f = assert(io.open(name))
print(f:read("l", "l", "L", "l", "l", "l", "l"))
print(f:read("l", "l"))
f:close()

-- an empty file
f = assert(io.open(name, "w")); f:close()
f = assert(io.open(name))
print(f:read("l"), f:read("L"), f:read("a"), f:read(0))
print(select("#", f:read("l", "l")))
f:close()

-- a line of only a newline and long lines
f = assert(io.open(name, "w"))
f:write("\n", string.rep("x", 10000), "\n", string.rep("y", 5000))
f:close()
f = assert(io.open(name))
print(f:read("L") == "\n")
print(#f:read("l"), #f:read("L"), f:read("l"))
f:close()

-- embedded zeros survive
f = assert(io.open(name, "w")); f:write("a\0b\nc\0"); f:close()
f = assert(io.open(name))
local l1, l2 = f:read("l", "l")
print(#l1, #l2, l1 == "a\0b", l2 == "c\0")
f:close()

print(os.remove(name))
