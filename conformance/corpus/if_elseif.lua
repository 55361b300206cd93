-- if / elseif / else chains and truthiness
local function classify(v)
  if v == nil then return "nil"
  elseif v == false then return "false"
  elseif type(v) == "number" and v < 0 then return "negative"
  elseif v == 0 then return "zero"
  elseif type(v) == "string" then return "string"
  else return "other" end
end
print(classify(nil), classify(false), classify(-1), classify(0), classify(""), classify({}) )
for _, v in ipairs({0, "", {}, 0.0}) do if v then print("truthy", type(v)) end end
if nil then print("no") elseif false then print("no") else print("else branch") end
local r = {}
for i = 1, 15 do
  if i % 15 == 0 then r[#r + 1] = "FizzBuzz"
  elseif i % 3 == 0 then r[#r + 1] = "Fizz"
  elseif i % 5 == 0 then r[#r + 1] = "Buzz"
  else r[#r + 1] = i end
end
local s = ""
for _, v in ipairs(r) do s = s .. v .. " " end
print(s)
