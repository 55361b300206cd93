-- os.execute: a shell exists; exit statuses and signals of commands
print(os.execute())
print(os.execute("true"))
print(os.execute("false"))
print(os.execute("exit 3"))
print(os.execute("exit 255"))
print(os.execute("kill -KILL $$"))
print(os.execute("kill -TERM $$"))
print(os.execute("exit 0; echo never"))
print(os.execute("nonexistent-command-xyz 2>/dev/null"))
print(pcall(os.execute, {}))
print(os.execute(nil))
-- (the order of a command's output relative to buffered output of the
-- interpreter differs: PUC's stdout is fully buffered on a pipe, Saturn
-- flushes before running a command, so it is not compared here)
