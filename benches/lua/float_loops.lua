-- Numeric loops, float arithmetic: Mandelbrot escape counts on a grid
-- and a midpoint-rule integral. Exercises float add/mul/div and
-- comparisons, with integer loop counters converted to floats.

local SIZE = 600
local MAX_ITER = 400

-- Counts the points of the grid that never escape, and the total
-- number of iterations spent.
local inside, iterations = 0, 0
for py = 0, SIZE - 1 do
  local ci = py * 2.0 / SIZE - 1.0
  for px = 0, SIZE - 1 do
    local cr = px * 3.0 / SIZE - 2.0
    local zr, zi = 0.0, 0.0
    local i = 0
    while i < MAX_ITER and zr * zr + zi * zi <= 4.0 do
      zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
      i = i + 1
    end
    iterations = iterations + i
    if i == MAX_ITER then
      inside = inside + 1
    end
  end
end

-- Integral of 4 / (1 + x^2) over [0, 1], which is pi.
local STEPS = 30000000
local h = 1.0 / STEPS
local sum = 0.0
for k = 0, STEPS - 1 do
  local x = (k + 0.5) * h
  sum = sum + 4.0 / (1.0 + x * x)
end

print("mandelbrot", inside, iterations)
print("integral", sum * h)
