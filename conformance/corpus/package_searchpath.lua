-- package.searchpath: templates, separators and the list of files tried.
print(package.searchpath("package_searchpath", "./?.lua"))
print(package.searchpath("package_searchpath", "nowhere/?.lua;./?.lua;./?.x"))
print(package.searchpath("a.b.c", "x/?.lua;y/?"))
print(package.searchpath("a.b.c", "?", "", ""))
print(package.searchpath("a.b.c", "?", ".", "::"))
print(package.searchpath("a--b--c", "?", "--", "/"))
print(package.searchpath("a.b", "?", "xyz", "/"))
print(package.searchpath("a.b", "?", "", "/"))
print(package.searchpath("name", ""))
print(package.searchpath("name", ";"))
print(package.searchpath("name", ";;a;"))
print(package.searchpath("name", "??x??"))
print(package.searchpath("", "?.lua"))
-- the separator is replaced before templates are filled in
print(package.searchpath("package_searchpath.lua", "./?", "", ""))
print(package.searchpath("package/searchpath", "./?.lua", "/", "_"))
-- many templates, each with several marks
local path = ""
for i = 1, 20 do path = path .. (i > 1 and ";" or "") .. ("?"):rep(i % 3 + 1) end
print(package.searchpath("ab", path))
