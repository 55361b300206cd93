-- files closed by <close>, by the generic for, and by collection
local name = os.tmpname()
local keep
do
  local f <close> = assert(io.open(name, "w"))
  keep = f
  f:write("closed by <close>")
end
print(io.type(keep))
do
  local f <close> = assert(io.open(name))
  print(f:read("a"))
end

-- a for loop over io.lines closes the file when broken out of
local held
for l, extra in io.lines(name, "l", 0) do
  print(l, extra)
  break
end

-- an error inside a <close> block still closes
local ok, err = pcall(function ()
  local f <close> = assert(io.open(name))
  keep = f
  error("boom")
end)
print(ok, err, io.type(keep))

-- buffered data reaches the file when the handle is collected
do
  local f = assert(io.open(name, "w"))
  f:write("written by a collected handle")
end
collectgarbage()
collectgarbage()
local f = assert(io.open(name))
print(f:read("a"))
f:close()
print(os.remove(name))
