-- One stdout buffer, as C's: io.write, io.stdout:write and print keep
-- program order whatever the buffering mode, and what is still buffered
-- is written out by os.exit.
io.write("a")
io.stdout:write("b")
print("c")
io.stdout:setvbuf("no")
io.write("d")
print(io.stdout:setvbuf("full"))
io.write("e", 1, 2.5, "\n")
io.stdout:setvbuf("line")
io.write("f")
io.stdout:write("g\n")
print(io.stdout:flush() == io.stdout)
io.write(string.rep("h", 20000), "\n")
io.write("not ended by a newline")
os.exit(0)
