-- io.type, closing, tostring of closed files, the handles' metatable
local name = os.tmpname()
print(io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
print(io.type(nil), io.type(1), io.type("file"), io.type({}), io.type(print))
print(pcall(io.type))
local mt = getmetatable(io.stdout)
print(mt.__name, type(mt.__index), type(mt.__gc), type(mt.__close), type(mt.__tostring))
print(getmetatable(io.stdin) == mt, getmetatable(io.stderr) == mt)
local methods = {}
for k in pairs(mt.__index) do methods[#methods + 1] = k end
print(#methods)
for _, m in ipairs{"close", "flush", "lines", "read", "seek", "setvbuf", "write"} do
  io.write(m, "=", type(mt.__index[m]), " ")
end
print()

local f = assert(io.open(name, "w"))
print(io.type(f))
print(f:close())
print(io.type(f), tostring(f))
print(pcall(f.close, f))
print(mt.__tostring(f))
print(pcall(mt.__tostring, 1))

-- io.close(file) and standard files
f = assert(io.open(name))
print(io.close(f), io.type(f))
print(io.stdout:close())
print(io.stderr:close())
print(io.close(io.stdin))
print(io.type(io.stdout), io.type(io.stdin))

-- __gc and __close on an open file close it; on a closed one do nothing
f = assert(io.open(name))
print(mt.__gc(f), io.type(f))
print(mt.__gc(f), io.type(f))
f = assert(io.open(name))
print(mt.__close(f), io.type(f))
print(mt.__gc(io.stdout), io.type(io.stdout))
print(pcall(mt.__gc, 1))

print(os.remove(name))
