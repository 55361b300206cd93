-- file:read(count), read(0) as an end-of-file test, and read("a")
local name = os.tmpname()
local f = assert(io.open(name, "w")); f:write("abcdefghij"); f:close()

f = assert(io.open(name))
print(f:read(0))
print(f:read(3))
print(f:read(0), f:read(1), f:read(2.0), f:read(4))
print(f:read(100))
print(f:read(0))
print(f:read(1))
print(f:read("a"))
print(f:read("a"), f:read("*a"), f:read("all"))
print(f:read(0, "a"))
f:close()

f = assert(io.open(name))
print(f:read(2, 0, 3, "a", 1))
f:close()

f = assert(io.open(name))
print(pcall(f.read, f, 1.5))
print(pcall(f.read, f, "x"))
print(pcall(f.read, f, ""))
print(pcall(f.read, f, {}))
print(pcall(f.read, f, 1, "z"))
-- a count no buffer can hold fails as PUC's buffer allocation does
print(pcall(f.read, f, -1))
print(pcall(f.read, f, 1 << 50))
print(f:read("a"))
f:close()

-- the whole file in one read, large
f = assert(io.open(name, "w"))
for i = 1, 1000 do f:write(i, "\n") end
f:close()
f = assert(io.open(name))
local all = f:read("a")
print(#all, f:read("a") == "", f:read("l"))
f:close()

print(os.remove(name))
