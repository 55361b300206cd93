-- load's mode argument with binary and text chunks.
local bin = string.dump(function() return "binary" end)
local text = "return 'text'"
for _, mode in ipairs({"b", "t", "bt", "tb", "", "x"}) do
  local f1, e1 = load(bin, "=chunk", mode)
  local f2, e2 = load(text, "=chunk", mode)
  print(mode, f1 and f1() or e1, f2 and f2() or e2)
end
print(load(bin, nil, nil)())
-- a reader function giving a binary chunk in pieces
local function reader(s, size)
  local i = 0
  return function()
    local piece = s:sub(i + 1, i + size)
    i = i + size
    return piece
  end
end
for _, size in ipairs({1, 2, 7, 100, 1000}) do
  print(size, load(reader(bin, size))())
end
print(load(reader(bin, 3), "=r", "t"))
print(load(reader(text, 3), "=r", "b"))
-- the mode is checked on the first piece
local calls = 0
print(load(function() calls = calls + 1; return calls == 1 and "\27" or nil end, "=r", "t"))
print(calls)
