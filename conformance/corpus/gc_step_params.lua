-- collectgarbage's pause, step multiplier and step size (PUC keeps both
-- percentages in steps of 4 in a byte), and "step", which works in steps
-- and reports the end of a cycle
print(collectgarbage("incremental"))
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 100))
print(collectgarbage("setpause", 1023), collectgarbage("setpause", 0x7ffffffe),
      collectgarbage("setpause", -8), collectgarbage("setpause", 200))
print(collectgarbage("incremental", 0, 0, 0), collectgarbage("setpause", 200),
      collectgarbage("setstepmul", 100))
print(collectgarbage("incremental", 300, 400, 12), collectgarbage("setpause", 200),
      collectgarbage("setstepmul", 100))
print(collectgarbage("incremental", 200, 100, 13))
-- a step this large finishes a whole cycle, even with the collector stopped,
-- and does not restart it
collectgarbage()
collectgarbage("stop")
print(collectgarbage("step", 100000), collectgarbage("step", 100000),
      collectgarbage("isrunning"))
print(collectgarbage("step", -1))
collectgarbage("restart")
print(collectgarbage("isrunning"))
-- small steps on a big heap: not done at once, done eventually, and the
-- garbage of before the cycle is gone
local big = {}
for i = 1, 50000 do big[i] = {i} end
local weak = setmetatable({}, {__mode = "k"})
collectgarbage()
collectgarbage("stop")
do weak[{}] = 1 end
local first = collectgarbage("step", 0)
local n = 1
while not collectgarbage("step", 0) do n = n + 1 end
print(first, n > 1, next(weak))
collectgarbage("restart")
