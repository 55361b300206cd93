-- A tiny stack-machine interpreter written in Lua: an assembler that
-- resolves labels through a string-keyed table, and a dispatch loop on
-- integer opcodes. A typical shape of "Lua running an interpreter":
-- long if/elseif chains, array reads, and a hot inner loop.

local PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, EQ, JMP, JZ, HALT =
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12

local OPCODES = {
  push = PUSH, load = LOAD, store = STORE, add = ADD, sub = SUB, mul = MUL,
  mod = MOD, lt = LT, eq = EQ, jmp = JMP, jz = JZ, halt = HALT,
}

-- Source is a list of {op, arg} or {"label", name}. Output is two
-- parallel arrays (opcodes, arguments) with jump targets resolved.
local function assemble(source)
  local labels, ops, args = {}, {}, {}
  local pc = 0
  for _, line in ipairs(source) do
    if line[1] == "label" then
      labels[line[2]] = pc + 1
    else
      pc = pc + 1
    end
  end
  pc = 0
  for _, line in ipairs(source) do
    if line[1] ~= "label" then
      pc = pc + 1
      ops[pc] = OPCODES[line[1]]
      local arg = line[2]
      if type(arg) == "string" then
        arg = labels[arg]
      end
      args[pc] = arg or 0
    end
  end
  return ops, args
end

local function run(ops, args, nvars)
  local stack, sp = {}, 0
  local vars = {}
  for i = 1, nvars do
    vars[i] = 0
  end
  local pc = 1
  local steps = 0
  while true do
    local op = ops[pc]
    local arg = args[pc]
    pc = pc + 1
    steps = steps + 1
    if op == PUSH then
      sp = sp + 1
      stack[sp] = arg
    elseif op == LOAD then
      sp = sp + 1
      stack[sp] = vars[arg]
    elseif op == STORE then
      vars[arg] = stack[sp]
      sp = sp - 1
    elseif op == ADD then
      sp = sp - 1
      stack[sp] = stack[sp] + stack[sp + 1]
    elseif op == SUB then
      sp = sp - 1
      stack[sp] = stack[sp] - stack[sp + 1]
    elseif op == MUL then
      sp = sp - 1
      stack[sp] = stack[sp] * stack[sp + 1]
    elseif op == MOD then
      sp = sp - 1
      stack[sp] = stack[sp] % stack[sp + 1]
    elseif op == LT then
      sp = sp - 1
      stack[sp] = (stack[sp] < stack[sp + 1]) and 1 or 0
    elseif op == EQ then
      sp = sp - 1
      stack[sp] = (stack[sp] == stack[sp + 1]) and 1 or 0
    elseif op == JMP then
      pc = arg
    elseif op == JZ then
      local v = stack[sp]
      sp = sp - 1
      if v == 0 then
        pc = arg
      end
    elseif op == HALT then
      return vars, steps
    end
  end
end

-- Counts primes below LIMIT by trial division and sums them.
-- Variables: 1 = n, 2 = d, 3 = count, 4 = sum, 5 = is_prime.
local LIMIT = 4000
local program = {
  { "push", 2 }, { "store", 1 },
  { "label", "next_n" },
  { "load", 1 }, { "push", LIMIT }, { "lt" }, { "jz", "done" },
  { "push", 1 }, { "store", 5 },
  { "push", 2 }, { "store", 2 },
  { "label", "next_d" },
  { "load", 2 }, { "load", 2 }, { "mul" }, { "load", 1 }, { "push", 1 }, { "add" },
  { "lt" }, { "jz", "decided" },
  { "load", 1 }, { "load", 2 }, { "mod" }, { "push", 0 }, { "eq" }, { "jz", "inc_d" },
  { "push", 0 }, { "store", 5 }, { "jmp", "decided" },
  { "label", "inc_d" },
  { "load", 2 }, { "push", 1 }, { "add" }, { "store", 2 }, { "jmp", "next_d" },
  { "label", "decided" },
  { "load", 5 }, { "jz", "inc_n" },
  { "load", 3 }, { "push", 1 }, { "add" }, { "store", 3 },
  { "load", 4 }, { "load", 1 }, { "add" }, { "store", 4 },
  { "label", "inc_n" },
  { "load", 1 }, { "push", 1 }, { "add" }, { "store", 1 }, { "jmp", "next_n" },
  { "label", "done" },
  { "halt" },
}

local ops, args = assemble(program)
local total_steps, checksum = 0, 0
for round = 1, 50 do
  local vars, steps = run(ops, args, 5)
  total_steps = total_steps + steps
  checksum = checksum + vars[3] * round + vars[4]
end

print("tiny_vm", total_steps, checksum)
