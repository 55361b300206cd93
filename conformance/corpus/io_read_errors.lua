-- argument and state errors of read, write and the other methods
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:close()

print(pcall(f.read, f))
print(pcall(f.write, f, "x"))
print(pcall(f.lines, f))
print(pcall(f.seek, f))
print(pcall(f.flush, f))
print(pcall(f.setvbuf, f, "no"))
print(pcall(f.close, f))
print(pcall(io.close, f))

local methods = getmetatable(io.stdout).__index
for _, m in ipairs{"read", "write", "lines", "seek", "flush", "setvbuf", "close"} do
  print(m, pcall(methods[m]))
  print(m, pcall(methods[m], 42))
  print(m, pcall(methods[m], {}))
end

-- method-call forms name the method
print(pcall(function () return io.stdout.write(1) end))
print(pcall(function () local g = io.stdout; return g:seek("bad") end))
print(pcall(function () local g = io.stdout; return g:seek("set", 1.5) end))
print(pcall(function () local g = io.stdout; return g:setvbuf("bad") end))
print(pcall(function () local g = io.stdout; return g:setvbuf() end))
print(pcall(function () local g = io.stdout; return g:write({}) end))
print(pcall(function () local g = io.stdout; return g:write("a", nil) end))

print(os.remove(name))
