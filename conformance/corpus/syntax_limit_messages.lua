-- compile-time limits: message, line and the token PUC's parser was at
local function c(name, s)
  local f, e = load(s, "=input")
  print(name, f and "compiled" or e)
end
local function rep(s, n)
  local r = ""
  while n > 0 do
    if n % 2 == 1 then r = r .. s end
    s = s .. s
    n = n // 2
  end
  return r
end
local function seq(prefix, suffix, n, sep)
  local r = prefix .. 1 .. suffix
  for i = 2, n do r = r .. sep .. prefix .. i .. suffix end
  return r
end
local locals = "local " .. seq("l", "", 200, ", ") .. "\n"
local args = seq("", "", 56, ", ")
c("args", "f(" .. rep("x,\n", 300) .. "x)")
c("return", "return " .. rep("x,\n", 300) .. "x")
c("values", "local a = " .. rep("x, ", 300) .. "x")
c("call", locals .. "f(\n" .. args .. ")")
c("concat", locals .. "x = " .. rep("a .. ", 60) .. "a")
c("parens", locals .. "x = " .. rep("a + (", 60) .. "a" .. rep(")", 60))
c("method", locals .. "x = o:m(" .. rep("a, ", 60) .. "a)")
c("index", locals .. "x = a[b][c][" .. rep("d[", 60) .. "1" .. rep("]", 60) .. "]")
c("targets", locals .. rep("a, ", 60) .. "a = 1")
c("table", locals .. "x = {" .. rep("a, ", 60) .. "a}")
c("for-in", locals .. "for k, v in pairs(t) do end")
c("for-num", locals .. "for i = 1, 2 do end")
c("local-function", locals .. "local function f() end")
c("locals", "local " .. seq("l", "", 201, ", "))
c("params", "function f(" .. seq("p", "", 201, ", ") .. ") end")
c("method-params", "function t:f(" .. seq("p", "", 200, ", ") .. ") end")
local function upvalues(body)
  return "local " .. seq("u", "", 150, ", ") .. "\nlocal function g()\nlocal "
    .. seq("v", "", 150, ", ") .. "\nreturn function()\n" .. body .. "\nend end"
end
c("upvalues-read", upvalues("return " .. seq("u", "", 150, " + ") .. " + " .. seq("v", "", 150, " + ")))
c("upvalues-write", upvalues(seq("u", " = 1", 150, "\n") .. "\n" .. seq("v", " = 1", 150, "\n")))
c("upvalues-call", upvalues(seq("local x = u", "", 150, "\n") .. "\n" .. seq("f(v", ")", 150, "\n")))
c("upvalues-method", upvalues(seq("u", ".x = 1", 150, "\n") .. "\n" .. seq("v", ":m()", 150, "\n")))
c("for-body", "for i = 1, 2 do\n" .. rep("x = 1\n", 131071) .. "end\n")
c("for-body-ok", "for i = 1, 2 do\n" .. rep("x = 1\n", 131069) .. "end\n")
c("for-body-first", "for i = 1, 2 do\n" .. rep("x = 1\n", 131071) .. "end x = = 1\n")
