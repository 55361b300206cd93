-- runtime error positions with chunk names
local function run(src, name)
  local f, e = load(src, name)
  if not f then print("compile:", e) return end
  print(pcall(f))
end
run("local x = nil\nreturn x.y", "=input")
run("\n\n\nreturn 1 + {}", "=input")
run("return nil .. 'x'", "@script.lua")
run("error('plain')", "=(named)")
run("local t = {}\nt.a.b = 1", "=input")
run("return #nil", "chunk as string")
run("return undefinedfunc()", "=input")
run("local a = {}\n\nreturn a < a", "=input")
run("x = 1 +\n{}", "=input")
run("local s = 'a'\nreturn s + 1", "=input")
