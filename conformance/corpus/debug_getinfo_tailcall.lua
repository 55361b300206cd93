-- istailcall, and names lost through tail calls.
local function f(x)
  local me = debug.getinfo(1, "tn")
  local caller = debug.getinfo(2, "tnS")
  print(x, me.istailcall, me.namewhat, me.name, caller.istailcall, caller.what)
end
local function g(x) return f(x) end
local function h(x) f(x) end
local function k(x) return g(x) end
g("g")
h("h")
k("k")
local function count(n)
  if n == 0 then
    local i = debug.getinfo(1, "t")
    return i.istailcall, debug.getinfo(2, "S").what
  end
  return count(n - 1)
end
print(count(50))
print(debug.getinfo(1, "t").istailcall)
print(debug.getinfo(print, "t").istailcall)
local function tb() return debug.traceback("tail", 1) end
local function caller() return tb() end
print(caller())
