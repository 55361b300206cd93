-- io.popen: reading a command's output, writing its input, exit statuses
local p = assert(io.popen("echo hello; echo world"))
print(io.type(p))
print(p:read("l"), p:read("L"))
print(p:read("l"))
print(p:close())

p = assert(io.popen("printf 'a b\\n12 3.5'", "r"))
print(p:read("l", "n", "n", "n"))
print(p:close())

print(io.popen("exit 7"):close())
print(io.popen("exit 255"):close())
print(io.popen("kill -TERM $$"):close())
print(io.popen("true", "r"):close())

-- writing into a command
local name = os.tmpname()
p = assert(io.popen("cat > " .. name, "w"))
print(p:write("to the pipe ", 1, "\n") == p)
p:write("second line\n")
print(p:close())
local f = assert(io.open(name))
print(f:read("a"))
f:close()

-- lines over a pipe
p = io.popen("printf '1\\n2\\n3\\n'")
for l in p:lines("n") do io.write(l * 10, " ") end
print()
print(p:close())

-- modes: only "r" and "w"
for _, mode in ipairs{"", "r+", "rw", "rb", "w+", "a", "x"} do
  print(pcall(io.popen, "true", mode))
end
print(pcall(io.popen))
print(pcall(io.popen, {}))

-- seeking a pipe fails as lseek does
p = io.popen("echo x")
print(p:seek("set", 1))
print(p:read("a"))
p:close()
print(pcall(p.read, p))
print(os.remove(name))
