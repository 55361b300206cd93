-- Control flow after a round trip: loops, goto, to-be-closed variables.
local function loops()
  local out = {}
  for i = 10, 1, -3 do out[#out + 1] = i end
  for x = 0.5, 2, 0.5 do out[#out + 1] = x end
  local t = {"a", "b", "c"}
  for i, v in ipairs(t) do out[#out + 1] = i .. v end
  local n = 0
  while n < 3 do n = n + 1 end
  repeat n = n - 1 until n == 1
  out[#out + 1] = n
  for i = 1, 3 do
    for j = 1, 3 do
      if j == 2 then goto continue end
      out[#out + 1] = i * 10 + j
      ::continue::
    end
  end
  local s = ""
  for i = 1, #out do s = s .. tostring(out[i]) .. " " end
  return s
end
print(load(string.dump(loops))())
print(load(string.dump(loops, true))())
local function tbc()
  local log = ""
  do
    local a <close> = setmetatable({}, {__close = function() log = log .. "a" end})
    local b <close> = setmetatable({}, {__close = function(_, e) log = log .. "b" end})
    log = log .. "body "
  end
  local ok, err = pcall(function()
    local c <close> = setmetatable({}, {__close = function(_, e) log = log .. " c:" .. tostring(e) end})
    error("oops", 0)
  end)
  return log, ok, err
end
print(load(string.dump(tbc))())
local function bad_tbc()
  local x <close> = 42
end
print(pcall(load(string.dump(bad_tbc))))
print(pcall(load(string.dump(bad_tbc, true))))
local function logic(a, b)
  return a and b, a or b, not a, a == b, a ~= b, (a or 0) < 5 and "small" or "big"
end
print(load(string.dump(logic))(1, nil))
print(load(string.dump(logic, true))(false, 7))
