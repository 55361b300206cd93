-- overflow at the boundary of integer/float conversions
local maxi = 9223372036854775807
local mini = -maxi - 1
print(maxi + 1.0, mini - 1.0, maxi + 1.0 == 2^63)
print(maxi // -1, mini // 1, mini * 1, mini + 0)
print(pcall(function() return mini // 0 end))
print(mini % -1, maxi % mini, mini % maxi)
print(-mini == mini, mini // -1 == mini)
print(maxi * 3, mini * 3, maxi * -1)
print(1 << 62 << 1, (1 << 63) >> 63, mini >> 1)
print(#tostring(maxi), #tostring(mini))
print("9223372036854775807" + 0 == maxi, "-9223372036854775808" + 0 == mini)
print(tonumber("9223372036854775808") == 2^63, math_absent == nil)
