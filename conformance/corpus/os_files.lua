-- os.remove, os.rename and os.tmpname, with C's error results
local name = os.tmpname()
local other = os.tmpname()
print(type(name), name ~= other)
-- tmpname creates the file, empty
local f = io.open(name)
print(io.type(f), f:read("a"))
f:close()

f = assert(io.open(name, "w")); f:write("content"); f:close()
print(os.rename(name, other))
local ok, msg, code = io.open(name)
print(ok, msg == name .. ": No such file or directory", code)
f = assert(io.open(other)); print(f:read("a")); f:close()
print(os.rename(name, other))
print(os.rename(other, "/nonexistent-dir/x"))
print(os.rename(other, name))

print(os.remove(name))
ok, msg, code = os.remove(name)
print(ok, msg == name .. ": No such file or directory", code)
print(os.remove("/nonexistent-dir/x"))

-- removing a directory works only when it is empty
local dir = os.tmpname()
os.remove(dir)
print(os.execute("mkdir " .. dir))
f = assert(io.open(dir .. "/inside", "w")); f:close()
local ok, msg, code = os.remove(dir)
print(ok, msg == dir .. ": Directory not empty", code)
print(os.remove(dir .. "/inside"))
print(os.remove(dir))

print(pcall(os.remove))
print(pcall(os.remove, {}))
print(pcall(os.rename, "a"))
print(pcall(os.rename, {}, "b"))
print(pcall(os.tmpname, "ignored") and "ok")
