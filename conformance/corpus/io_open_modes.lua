-- io.open: every valid mode, invalid modes, and failures as C reports them
local name = os.tmpname()

for _, mode in ipairs{"r", "w", "a", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "w+b", "a+b", "rbb"} do
  local f, err = io.open(name, mode)
  print(mode, io.type(f), err)
  if f then f:close() end
end

for _, mode in ipairs{"", "x", "rw", "r+x", "+r", "b", "rb+", "w++"} do
  print(pcall(io.open, name, mode))
end

print(pcall(io.open))
print(pcall(io.open, {}))
print(pcall(io.open, name, {}))
print(io.open("/nonexistent-dir/file"))
print(io.open("/nonexistent-dir/file", "w"))
print(io.open("/nonexistent-dir/file", "a+"))

-- a number is accepted as a file name
print(io.type(io.open(name, "r\0garbage")))

-- "w" truncates, "a" appends, "r" keeps
local f = assert(io.open(name, "w")); f:write("first"); f:close()
f = assert(io.open(name, "a")); f:write(" second"); f:close()
f = assert(io.open(name, "r")); print(f:read("a")); f:close()
f = assert(io.open(name, "w")); f:close()
f = assert(io.open(name)); print(#f:read("a")); f:close()

-- reading a file opened for writing, writing one opened for reading
f = assert(io.open(name, "w"))
print(f:read("l"))
f:close()
f = assert(io.open(name, "r"))
print(f:write("x"))
f:close()

-- a directory opens for reading, but reading it fails
f = assert(io.open("/", "r"))
print(f:read("l"))
print(f:read("a"))
f:close()
print(io.open("/", "w"))

print(os.remove(name))
