-- closing happens after return values are computed; __close results are discarded
local function mk(log, name)
  return setmetatable({}, {__close = function() log[#log + 1] = name; return "ignored" end})
end
local log = {}
local function f()
  local a <close> = mk(log, "a")
  local v = 1
  return v, #log
end
print(f())
print(#log, log[1])
local function g()
  local t = {n = 1}
  local c <close> = setmetatable({}, {__close = function() t.n = 99 end})
  return t
end
print(g().n)
local function h(...)
  local c <close> = mk(log, "h")
  return ...
end
print(h(1, 2, 3))
print(log[2])
local nested = {}
do
  local x <close> = mk(nested, "outer")
  do
    local y <close> = mk(nested, "inner")
  end
  nested[#nested + 1] = "between"
end
print(nested[1], nested[2], nested[3])
