-- the lax arguments accept surrogates and values above U+10FFFF
local sur = utf8.char(0xD800)
local big = utf8.char(0x7FFFFFFF)
local above = utf8.char(0x110000)
print(utf8.len(sur), utf8.len(sur, 1, -1, true))
print(utf8.len(big), utf8.len(big, 1, -1, true))
print(pcall(utf8.codepoint, sur))
print(utf8.codepoint(sur, 1, 1, true), utf8.codepoint(big, 1, 1, true), utf8.codepoint(above, 1, 1, true))
for p, c in utf8.codes(sur .. above, true) do print(p, c) end
print(pcall(function() for p, c in utf8.codes(sur) do end end))
-- overlong sequences are invalid even when lax
print(utf8.len("\xC0\x80", 1, -1, true))
print(pcall(utf8.codepoint, "\xC1\xBF", 1, 1, true))
-- a 5-byte and 6-byte sequence
print(utf8.codepoint("\xF8\x88\x80\x80\x80", 1, 1, true), utf8.codepoint("\xFC\x84\x80\x80\x80\x80", 1, 1, true))
print(utf8.len("\xFE\x80\x80\x80\x80\x80\x80", 1, -1, true))
