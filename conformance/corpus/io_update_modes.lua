-- "r+", "w+" and "a+": reading and writing the same file
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("0123456789\nsecond\n")
f:close()

-- r+: read a part, write over what follows
f = assert(io.open(name, "r+"))
print(f:read(3))
f:seek("cur", 0)
f:write("abc")
f:seek("set")
print(f:read("l"))
f:close()

-- w+: truncated, then read back what was written
f = assert(io.open(name, "w+"))
print(f:read("a"))
f:write("fresh")
print(f:seek("set"))
print(f:read("a"))
f:close()

-- a+: writes always go to the end, reads start at the beginning
f = assert(io.open(name, "a+"))
f:write(" appended")
f:seek("set")
print(f:read("a"))
f:seek("set", 2)
f:write("!")
f:seek("set")
print(f:read("a"))
f:close()

-- a file opened for appending starts at its end
f = assert(io.open(name, "a"))
print(f:seek())
f:close()
print(os.remove(name))
