-- N-body: a small gravitational simulation with bodies stored as plain
-- tables with named fields. Mixed float arithmetic, field reads and
-- writes, nested loops over an array of records, and `^` for the root.

local function body(x, y, z, vx, vy, vz, mass)
  return { x = x, y = y, z = z, vx = vx, vy = vy, vz = vz, mass = mass }
end

-- A made-up system: one heavy centre and four lighter bodies.
local bodies = {
  body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0),
  body(4.0, 0.0, 0.5, 0.0, 3.1, 0.1, 0.05),
  body(-7.0, 1.0, 0.0, 0.2, -2.3, 0.0, 0.1),
  body(0.0, 11.0, -1.0, -1.9, 0.0, 0.05, 0.02),
  body(15.0, -3.0, 2.0, 0.3, 1.6, -0.1, 0.3),
}

-- Shift the centre so the total momentum is zero and nothing drifts.
local function offset_momentum(bs)
  local px, py, pz, m = 0.0, 0.0, 0.0, 0.0
  for _, b in ipairs(bs) do
    px = px + b.vx * b.mass
    py = py + b.vy * b.mass
    pz = pz + b.vz * b.mass
    m = m + b.mass
  end
  local c = bs[1]
  c.vx = c.vx - px / c.mass
  c.vy = c.vy - py / c.mass
  c.vz = c.vz - pz / c.mass
end

local function advance(bs, dt)
  local n = #bs
  for i = 1, n do
    local a = bs[i]
    for j = i + 1, n do
      local b = bs[j]
      local dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * d2 ^ 0.5)
      local am, bm = a.mass * mag, b.mass * mag
      a.vx, a.vy, a.vz = a.vx - dx * bm, a.vy - dy * bm, a.vz - dz * bm
      b.vx, b.vy, b.vz = b.vx + dx * am, b.vy + dy * am, b.vz + dz * am
    end
  end
  for i = 1, n do
    local b = bs[i]
    b.x = b.x + dt * b.vx
    b.y = b.y + dt * b.vy
    b.z = b.z + dt * b.vz
  end
end

local function energy(bs)
  local e = 0.0
  local n = #bs
  for i = 1, n do
    local a = bs[i]
    e = e + 0.5 * a.mass * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz)
    for j = i + 1, n do
      local b = bs[j]
      local dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
      e = e - a.mass * b.mass / (dx * dx + dy * dy + dz * dz) ^ 0.5
    end
  end
  return e
end

offset_momentum(bodies)
local before = energy(bodies)
for _ = 1, 900000 do
  advance(bodies, 0.001)
end
local after = energy(bodies)

print("energy", before, after)
print("position", bodies[2].x, bodies[2].y, bodies[2].z)
