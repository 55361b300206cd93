-- Method calls through `__index`: a small class hierarchy built with
-- metatables, where lookups of inherited methods walk two levels of
-- `__index` tables. Exercises `obj:method()` (SELF), field access and
-- `setmetatable`.

local Shape = {}
Shape.__index = Shape

function Shape.new(x, y)
  return setmetatable({ x = x, y = y }, Shape)
end

function Shape:move(dx, dy)
  self.x = self.x + dx
  self.y = self.y + dy
end

function Shape:area()
  return 0
end

-- Rect inherits from Shape: misses in Rect fall through to Shape.
local Rect = setmetatable({}, { __index = Shape })
Rect.__index = Rect

function Rect.new(x, y, w, h)
  local r = Shape.new(x, y)
  r.w, r.h = w, h
  return setmetatable(r, Rect)
end

function Rect:area()
  return self.w * self.h
end

-- Square inherits from Rect, three levels deep.
local Square = setmetatable({}, { __index = Rect })
Square.__index = Square

function Square.new(x, y, side)
  local s = Rect.new(x, y, side, side)
  return setmetatable(s, Square)
end

function Square:grow(d)
  self.w = self.w + d
  self.h = self.h + d
end

local shapes = {}
for i = 1, 300 do
  local kind = i % 3
  if kind == 0 then
    shapes[i] = Shape.new(i, -i)
  elseif kind == 1 then
    shapes[i] = Rect.new(i, i, i % 7 + 1, i % 5 + 1)
  else
    shapes[i] = Square.new(-i, i, i % 4 + 1)
  end
end

local area = 0
for round = 1, 50000 do
  for i = 1, #shapes do
    local s = shapes[i]
    s:move(1, -1)
    area = area + s:area()
    if s.grow and round % 100 == 0 then
      s:grow(1)
    end
  end
end

local sx, sy = 0, 0
for _, s in ipairs(shapes) do
  sx, sy = sx + s.x, sy + s.y
end

print("oop", area, sx, sy)
