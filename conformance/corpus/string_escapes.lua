-- escape sequences in short strings
print("tab:\t|", "nl:\\n", "quote:\"", 'apos:\'', "bs:\\")
print("\65\066\0671", "\x41\x62", "\u{48}\u{49}", #"\u{7FF}", #"\u{FFFF}", #"\u{10FFFF}", #"\u{7FFFFFFF}")
print(#"\0", #"a\0b", "a\0b" == "a\0b", "a\0b" ~= "a\0c")
print("line1\
line2")
print("skip \z
       whitespace", "a\z  b")
print(#"\a\b\f\n\r\t\v", "\97\98\99")
print("\x7A\x7a", "\122")
print('single "double" inside', "double 'single' inside")
print("\u{0}" == "\0", "\z")
print(#"\255\254", "\49\50\51" == "123")
