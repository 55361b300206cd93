//! Checking a loaded prototype before it can run.
//!
//! The interpreter trusts the compiler: it indexes registers, constants,
//! upvalues and nested prototypes without bounds checks of its own (a
//! failed index would be a Rust panic), follows jumps blindly, and reads
//! the stack top left by the previous instruction for variable argument
//! and result counts. A binary chunk may say anything, so every one of
//! these assumptions is checked here, as Lua 5.1's `luaG_checkcode` did:
//!
//! - every register an instruction touches is below `max_stack` (the frame
//!   has `max_stack + EXTRA_STACK` slots);
//! - constant, upvalue and prototype indices exist, and table keys given as
//!   constants are strings where the interpreter expects them;
//! - every instruction that can be reached next (the next one, the one
//!   after a test's jump, a jump target) exists, so execution never runs
//!   off the end of the code;
//! - an instruction using the stack top (`B == 0` calls and returns, `N ==
//!   0` list stores) directly follows one that sets it (`C == 0` calls and
//!   varargs, tail calls), on registers that make the count non-negative,
//!   and no jump or test skip lands on it;
//! - loop preparations jump forward (the interpreter spends fuel only on
//!   backward jumps and calls, so that the executor regains control);
//! - a vararg function starts with its `VarArgPrep`, and nothing jumps back
//!   to it;
//! - size hints are not larger than the code could fill (no huge table
//!   allocation from a forged hint);
//! - nested functions capture registers and upvalues that exist.

use super::encoding::Malformed;
use crate::bytecode::{Constant, Op, Proto, RK};

/// PUC's `MAXREGS`: no function uses more registers.
const MAX_REGISTERS: u16 = 255;

const BAD_CODE: Malformed = Malformed("bad instruction");

/// Checks `proto` and its nested functions (their depth is bounded by the
/// reader).
pub(super) fn verify(proto: &Proto) -> Result<(), Malformed> {
    Checker::new(proto).check()?;
    for child in &proto.protos {
        for up in &child.upvalues {
            let exists = if up.in_stack {
                u16::from(up.index) < proto.max_stack
            } else {
                usize::from(up.index) < proto.upvalues.len()
            };
            if !exists {
                return Err(Malformed("bad upvalue"));
            }
        }
        verify(child)?;
    }
    Ok(())
}

struct Checker<'a> {
    proto: &'a Proto,
    /// Which instructions some jump (or a test's skip) lands on.
    jump_targets: Vec<bool>,
}

impl<'a> Checker<'a> {
    fn new(proto: &'a Proto) -> Self {
        let mut jump_targets = vec![false; proto.code.len()];
        for (pc, op) in proto.code.iter().enumerate() {
            let target = match *op {
                Op::Jmp { target }
                | Op::ForLoop { target, .. }
                | Op::ForPrep { target, .. }
                | Op::TForPrep { target, .. }
                | Op::TForLoop { target, .. } => target as usize,
                // Tests skip the next instruction.
                Op::LFalseSkip { .. }
                | Op::Eq { .. }
                | Op::Lt { .. }
                | Op::Le { .. }
                | Op::EqK { .. }
                | Op::EqI { .. }
                | Op::LtI { .. }
                | Op::LeI { .. }
                | Op::GtI { .. }
                | Op::GeI { .. }
                | Op::Test { .. }
                | Op::TestSet { .. } => pc + 2,
                _ => continue,
            };
            if let Some(slot) = jump_targets.get_mut(target) {
                *slot = true;
            }
        }
        Checker {
            proto,
            jump_targets,
        }
    }

    fn check(&self) -> Result<(), Malformed> {
        let p = self.proto;
        if p.max_stack > MAX_REGISTERS || u16::from(p.num_params) > p.max_stack {
            return Err(Malformed("bad stack size"));
        }
        if p.code.is_empty() {
            return Err(BAD_CODE);
        }
        if p.is_vararg
            && p.code[0]
                != (Op::VarArgPrep {
                    nparams: p.num_params,
                })
        {
            return Err(BAD_CODE);
        }
        for (pc, &op) in p.code.iter().enumerate() {
            self.instruction(pc, op)?;
        }
        Ok(())
    }

    /// Registers `first .. first + count` exist.
    fn registers(&self, first: u8, count: usize) -> Result<(), Malformed> {
        if usize::from(first) + count <= usize::from(self.proto.max_stack) {
            Ok(())
        } else {
            Err(BAD_CODE)
        }
    }

    fn register(&self, r: u8) -> Result<(), Malformed> {
        self.registers(r, 1)
    }

    fn constant(&self, k: usize) -> Result<&Constant, Malformed> {
        self.proto.constants.get(k).ok_or(BAD_CODE)
    }

    /// A constant used as a field name: always a string.
    fn string_constant(&self, k: u16) -> Result<(), Malformed> {
        match self.constant(k.into())? {
            Constant::String(_) => Ok(()),
            _ => Err(BAD_CODE),
        }
    }

    fn upvalue(&self, u: u8) -> Result<(), Malformed> {
        if usize::from(u) < self.proto.upvalues.len() {
            Ok(())
        } else {
            Err(BAD_CODE)
        }
    }

    fn rk(&self, x: RK) -> Result<(), Malformed> {
        match x {
            RK::Reg(r) => self.register(r),
            RK::Const(k) => self.constant(k.into()).map(|_| ()),
        }
    }

    /// Instruction `pc` may continue at `next`.
    fn reaches(&self, next: usize) -> Result<(), Malformed> {
        let code = &self.proto.code;
        // A vararg function's frame is adjusted once, by its first
        // instruction.
        if next >= code.len() || (next == 0 && self.proto.is_vararg) {
            return Err(BAD_CODE);
        }
        Ok(())
    }

    /// A jump that the interpreter takes without spending fuel (loop
    /// preparations): it must go forward, or a loop of them would never
    /// give the executor back control.
    fn forward(&self, pc: usize, target: u32) -> Result<(), Malformed> {
        if target as usize <= pc {
            return Err(BAD_CODE);
        }
        self.reaches(target as usize)
    }

    /// The instruction after a test, and the one after that (the test's
    /// jump is skipped).
    fn test(&self, pc: usize) -> Result<(), Malformed> {
        self.reaches(pc + 1)?;
        self.reaches(pc + 2)
    }

    /// An instruction reading the stack top, with its first register
    /// `first`: the top was set by the previous instruction, at or above
    /// `first + above`.
    fn uses_top(&self, pc: usize, first: u8, above: u8) -> Result<(), Malformed> {
        let set_from = match pc.checked_sub(1).map(|p| self.proto.code[p]) {
            Some(Op::Call { a, c: 0, .. } | Op::VarArg { a, c: 0 } | Op::TailCall { a, .. }) => a,
            _ => return Err(BAD_CODE),
        };
        // A jump landing here would bring a top set elsewhere.
        if u16::from(first) + u16::from(above) > u16::from(set_from) || self.jump_targets[pc] {
            return Err(BAD_CODE);
        }
        Ok(())
    }

    fn instruction(&self, pc: usize, op: Op) -> Result<(), Malformed> {
        let p = self.proto;
        if let Some(arith) = op.as_arith() {
            self.register(arith.a)?;
            self.register(arith.b)?;
            self.rk(arith.second)?;
            return self.reaches(pc + 1);
        }
        match op {
            Op::Move { a, b }
            | Op::Unm { a, b }
            | Op::BNot { a, b }
            | Op::Not { a, b }
            | Op::Len { a, b }
            | Op::AddI { a, b, .. }
            | Op::ShrI { a, b, .. }
            | Op::ShlI { a, b, .. }
            | Op::GetI { a, b, .. } => {
                self.register(a)?;
                self.register(b)?;
            }
            Op::LoadI { a, .. }
            | Op::LoadF { a, .. }
            | Op::LoadFalse { a }
            | Op::LoadTrue { a }
            | Op::Close { a }
            | Op::Tbc { a } => self.register(a)?,
            Op::LFalseSkip { a } => {
                self.register(a)?;
                self.reaches(pc + 2)?;
            }
            Op::LoadK { a, k } => {
                self.register(a)?;
                self.constant(k as usize)?;
            }
            Op::LoadNil { a, b } => self.registers(a, usize::from(b) + 1)?,
            Op::GetUpval { a, b } | Op::SetUpval { a, b } => {
                self.register(a)?;
                self.upvalue(b)?;
            }
            Op::GetTabUp { a, b, key } => {
                self.register(a)?;
                self.upvalue(b)?;
                self.string_constant(key)?;
            }
            Op::GetTable { a, b, c } => {
                self.register(a)?;
                self.register(b)?;
                self.register(c)?;
            }
            Op::GetField { a, b, key } => {
                self.register(a)?;
                self.register(b)?;
                self.string_constant(key)?;
            }
            Op::SetTabUp { a, key, value } => {
                self.upvalue(a)?;
                self.string_constant(key)?;
                self.rk(value)?;
            }
            Op::SetTable { a, b, value } => {
                self.register(a)?;
                self.register(b)?;
                self.rk(value)?;
            }
            Op::SetI { a, value, .. } => {
                self.register(a)?;
                self.rk(value)?;
            }
            Op::SetField { a, key, value } => {
                self.register(a)?;
                self.string_constant(key)?;
                self.rk(value)?;
            }
            Op::NewTable { a, array, .. } => {
                self.register(a)?;
                // Each array item is put in place by an instruction.
                if array as usize > p.code.len() {
                    return Err(BAD_CODE);
                }
            }
            Op::SelfOp { a, b, key } => {
                self.registers(a, 2)?;
                self.register(b)?;
                self.rk(key)?;
            }
            Op::Concat { a, n } => {
                if n == 0 {
                    return Err(BAD_CODE);
                }
                self.registers(a, n.into())?;
            }
            Op::Jmp { target } => return self.reaches(target as usize),
            Op::Eq { a, b, .. } | Op::Lt { a, b, .. } | Op::Le { a, b, .. } => {
                self.register(a)?;
                self.register(b)?;
                return self.test(pc);
            }
            Op::EqK { a, b, .. } => {
                self.register(a)?;
                self.constant(b.into())?;
                return self.test(pc);
            }
            Op::EqI { a, .. }
            | Op::LtI { a, .. }
            | Op::LeI { a, .. }
            | Op::GtI { a, .. }
            | Op::GeI { a, .. }
            | Op::Test { a, .. } => {
                self.register(a)?;
                return self.test(pc);
            }
            Op::TestSet { a, b, .. } => {
                self.register(a)?;
                self.register(b)?;
                return self.test(pc);
            }
            Op::Call { a, b, c } => {
                self.register(a)?;
                match b {
                    0 => self.uses_top(pc, a, 1)?,
                    _ => self.registers(a, b.into())?,
                }
                self.registers(a, usize::from(c).saturating_sub(1))?;
            }
            Op::TailCall { a, b, .. } => {
                self.register(a)?;
                match b {
                    0 => self.uses_top(pc, a, 1)?,
                    _ => self.registers(a, b.into())?,
                }
                // A native function called in tail position returns
                // through the `Return` that follows.
            }
            Op::Return { a, b, .. } => {
                return match b {
                    0 => self.uses_top(pc, a, 0),
                    _ => self.registers(a, usize::from(b) - 1),
                };
            }
            Op::Return0 => return Ok(()),
            Op::Return1 { a } => return self.register(a),
            Op::ForLoop { a, target } => {
                self.registers(a, 4)?;
                self.reaches(target as usize)?;
            }
            Op::ForPrep { a, target } => {
                self.registers(a, 4)?;
                self.forward(pc, target)?;
            }
            Op::TForPrep { a, target } => {
                self.registers(a, 4)?;
                return self.forward(pc, target);
            }
            Op::TForCall { a, c } => {
                // The iterator, state and control are copied above the
                // four loop registers for the call: into the frame's
                // `EXTRA_STACK` slots at worst.
                self.registers(a, 4 + usize::from(c))?;
            }
            Op::TForLoop { a, target } => {
                self.registers(a, 5)?;
                self.reaches(target as usize)?;
            }
            Op::SetList { a, n, offset } => {
                self.register(a)?;
                match n {
                    0 => self.uses_top(pc, a, 1)?,
                    _ => self.registers(a, usize::from(n) + 1)?,
                }
                if offset as usize > p.code.len() {
                    return Err(BAD_CODE);
                }
            }
            Op::Closure { a, proto } => {
                self.register(a)?;
                if proto as usize >= p.protos.len() {
                    return Err(BAD_CODE);
                }
            }
            Op::VarArg { a, c } => {
                self.register(a)?;
                self.registers(a, usize::from(c).saturating_sub(1))?;
            }
            Op::VarArgPrep { nparams } => {
                if pc != 0 || !p.is_vararg || nparams != p.num_params {
                    return Err(BAD_CODE);
                }
            }
            // Arithmetic was checked above: nothing else is left.
            _ => return Err(BAD_CODE),
        }
        self.reaches(pc + 1)
    }
}
