-- The string library on short strings: format, find/match/gsub with
-- patterns, gsub with a Lua callback, rep/sub/byte. Library calls, not
-- the VM's own operators, are the cost here.

local words = {}
for i = 1, 200 do
  words[i] = string.format("w%03d_%s", i, string.rep(string.char(97 + i % 26), i % 7 + 1))
end
local text = table.concat(words, " ")

local total = 0
for round = 1, 4000 do
  for _, w in ipairs(words) do
    local n = tonumber(w:match("^w(%d+)"))
    total = total + n + #string.format("%5d|%-8s|%.3f", n, w, n / 7)
    if w:find("_a", 1, true) then total = total + 1 end
  end
  local replaced, count = text:gsub("(%w+)_(%a+)", "%2-%1")
  total = total + count + #replaced
  local upper = text:gsub("%a+", function(s) return s:upper() end)
  total = total + upper:byte(round % 100 + 1) + #upper:sub(round % 50, -(round % 50))
end
print(total)
