#!/usr/bin/env lua5.4
-- a first line starting with '#' is skipped when running a file
print("shebang skipped")
print(select('#', ...))
