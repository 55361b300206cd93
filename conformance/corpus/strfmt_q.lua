-- string.format %q: values as Lua literals that read back the same.
local fmt = string.format
local function bytes(s)
  local out = ""
  for i = 1, #s do
    local b = string.byte(s, i)
    out = out .. ((b >= 32 and b < 127) and string.char(b) or ("<" .. b .. ">"))
  end
  return out
end
print(bytes(fmt("%q", 'a "quoted" \\ string\nwith newline')))
print(bytes(fmt("%q", "\0")), bytes(fmt("%q", "\0001")), bytes(fmt("%q", "\0a")))
print(bytes(fmt("%q", "\r\t\1\31\127\128\255")))
print(bytes(fmt("%q", "\0019\0020\127" .. "5")))
print(bytes(fmt("%q", "")))
local all = ""
for i = 0, 255 do all = all .. string.char(i) end
print(load("return " .. fmt("%q", all))() == all)
print(fmt("%q|%q|%q", 0, 1, -1))
print(fmt("%q|%q", 0x7fffffffffffffff, 0x8000000000000000))
print(fmt("%q|%q|%q|%q", 1.0, -0.0, 0.1, 1e100))
print(fmt("%q|%q|%q", 1/0, -1/0, 0/0))
print(fmt("%q|%q|%q", nil, true, false))
for _, v in ipairs{0, 1, -1, 0x7fffffffffffffff, 0x8000000000000000, 1.0, -0.0, 0.1, 1/3,
    1e300, 5e-324, 2^63, -2^63, 1/0, -1/0} do
  local back = load("return " .. fmt("%q", v))()
  print(v, back == v, back == v and (v ~= v or (1/v == 1/back)))
end
print(load("return " .. fmt("%q", 0/0))() ~= load("return " .. fmt("%q", 0/0))())
-- numeric strings stay strings
print(fmt("%q", "10"), fmt("%q", 10))
print(fmt("%q%s", "x", "y"))
