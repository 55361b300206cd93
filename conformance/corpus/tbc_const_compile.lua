-- <const> and <close> attributes checked at compile time
local function c(s)
  local f, e = load(s, "=input")
  if f then print("ok", pcall(f)) else print(e) end
end
c("local x <const> = 1; x = 2")
c("local x <const> = 1; local function f() x = 3 end")
c("local x <foo> = 1")
c("local a <close>, b <close> = nil, nil")
c("local x <const> = 10; return x * 2")
c("local a, b <const> = 1, 2; a = 5; return a, b")
c("local t <const> = {}; t.x = 1; return t.x")
c("local x <close> = nil; x = 1")
c("local s <const> = 'str'; return s .. s")
c("local x <const>; return x")
