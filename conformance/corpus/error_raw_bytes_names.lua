-- Names and chunk names that are not valid UTF-8 are quoted byte for byte
-- in error messages, tracebacks and debug.getinfo, as PUC copies them.
local f = load("local x = nil\nreturn x.y", "=chunk\255\200")
print(pcall(f))
print(select(2, xpcall(f, debug.traceback)))
local g = load("return function() error('boom') end", "@file\254.lua")()
print(pcall(g))
print(select(2, xpcall(g, debug.traceback, nil)))
local info = debug.getinfo(g, "S")
print(info.short_src, info.source)
local t = {["\255m"] = false}
print(pcall(load("local t = ... ; t['\\255m'](1)", "=x"), t))
print(pcall(function() local q = {} ; q["\200\201"]() end))
print(pcall(function() local q = {} ; return q["\200"].x end))
local named = load("local function h() local n = debug.getinfo(1, 'n') return n.name, n.namewhat end return {['\\255h'] = h}")()
print(named["\255h"]())
print(pcall(load("local u = {} ; return function() return u .. 1 end", "=\255up")()))
