-- utf8.codes: iterating, and errors on invalid sequences
for p, c in utf8.codes("a\u{E9}\u{20AC}\u{1F600}") do print(p, c) end
for p, c in utf8.codes("") do print("never", p, c) end
local f, s, i = utf8.codes("xy")
print(type(f), s, i)
print(f(s, 0), f(s, 1), f(s, 2))
print(f(s, -5))
-- (utf8.codes("\x80...") fails at once in 5.4.8, only when iterating in 5.4.4)
print(pcall(function() for p, c in utf8.codes("ab\xFFcd") do end end))
print(pcall(function() for p, c in utf8.codes("ab\xED\xA0\x80") do end end))
print(pcall(function() for p, c in utf8.codes("\xF4\x90\x80\x80") do end end))
print(pcall(utf8.codes))
print(pcall(utf8.codes, {}))
local got = {}
local ok, err = pcall(function() for p, c in utf8.codes("ok\xC3") do got[#got + 1] = c end end)
print(ok, err, table.concat(got, ","))
for p, c in utf8.codes(123) do print(p, c) end
