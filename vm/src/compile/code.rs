//! One function under construction: its code and line information, its
//! registers and constants, and the jump lists threaded through its `Jmp`
//! instructions (PUC's `FuncState` and the low half of `lcode.c`).

use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::scope::{BlockScope, LabelDesc, VarDesc};
use super::{CResult, CompileError, ErrorKind};
use crate::ast::Pos;
use crate::bytecode::{Constant, Op, Proto, Reg, Target, UpvalDesc, VarKind};

/// "No jump": the end of a jump list, or an empty list.
pub(super) const NO_JUMP: usize = usize::MAX;
/// How an unlinked `Jmp` marks the end of its list while compiling.
const NO_JUMP_TARGET: Target = Target::MAX;
/// The destination register of a `TestSet` that has none yet (PUC's
/// `NO_REG`): it becomes a `Test` unless a register is patched in.
pub(super) const NO_REG: Reg = Reg::MAX;
/// Registers per function (PUC's `MAXREGS`).
const MAX_REGS: usize = 255;
/// Constants usable as instruction operands (PUC's `MAXINDEXRK`). Saturn's
/// operands are wider, but keeping PUC's limit keeps its instruction
/// choices (and so its register use) for functions with many constants.
pub(super) const MAX_INDEX_RK: usize = 255;
/// PUC's `sJ` jump range: offsets beyond it are "control structure too long".
const MAX_JUMP_OFFSET: i64 = (1 << 24) - 1;
/// PUC's `Bx` range for the jumps of `for` loops.
pub(super) const MAX_FOR_JUMP: usize = (1 << 17) - 1;
/// Integers `LoadI`/`LoadF` take (PUC's `sBx`).
const LOAD_IMMEDIATE: std::ops::RangeInclusive<i64> = -65535..=65536;

/// A constant's identity in the constant table (floats apart from integers,
/// as PUC keeps `1` and `1.0` apart).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum ConstKey {
    Nil,
    Boolean(bool),
    Integer(i64),
    Float(u64),
    String(Box<[u8]>),
}

/// The index of each constant by value, shared by all the functions of a
/// chunk as PUC's scanner table is: an index found here is reused only if
/// the current function has that very constant at that index.
pub(super) type ConstantCache = FxHashMap<ConstKey, usize>;

pub(super) struct FuncState {
    pub proto: Proto,
    /// The line PUC's `lastline` would hold: the line of the last token
    /// consumed. New instructions get it.
    pub line: u32,
    /// The token PUC's parser would have as current token: errors are
    /// raised there.
    pub cursor: Pos,
    /// First free register.
    pub free_reg: usize,
    /// The last instruction that is a jump target (PUC's `lasttarget`):
    /// peephole merges never look back past it.
    last_target: usize,
    /// Some block has a captured local or a to-be-closed variable, so
    /// returns must close upvalues.
    pub needs_close: bool,
    pub constant_cache: ConstantCache,
    /// Declared local variables: the first `n_active` are in scope.
    pub vars: Vec<VarDesc>,
    pub n_active: usize,
    pub blocks: Vec<BlockScope>,
    /// Labels visible at this point.
    pub labels: Vec<LabelDesc>,
    /// `goto`s (and `break`s) not yet matched with a label.
    pub pending_gotos: Vec<LabelDesc>,
    /// Labels and pending `goto`s of the enclosing functions: PUC keeps
    /// them all in one list each, which has a limit.
    pub outer_labels: usize,
    pub outer_gotos: usize,
}

impl FuncState {
    pub fn new(source: Rc<[u8]>, line_defined: u32, constant_cache: ConstantCache) -> FuncState {
        FuncState {
            proto: Proto {
                source,
                line_defined,
                last_line_defined: 0,
                num_params: 0,
                is_vararg: false,
                max_stack: 2,
                code: Vec::new(),
                lines: Vec::new(),
                constants: Vec::new(),
                upvalues: Vec::new(),
                protos: Vec::new(),
                locals: Vec::new(),
            },
            line: line_defined,
            cursor: 0,
            free_reg: 0,
            last_target: 0,
            needs_close: false,
            constant_cache,
            vars: Vec::new(),
            n_active: 0,
            blocks: Vec::new(),
            labels: Vec::new(),
            pending_gotos: Vec::new(),
            outer_labels: 0,
            outer_gotos: 0,
        }
    }

    /// A compile error at the current token, `near` it (PUC's
    /// `luaX_syntaxerror`).
    pub fn error(&self, message: impl AsRef<[u8]>) -> CompileError {
        CompileError {
            pos: self.cursor,
            message: message.as_ref().to_vec(),
            kind: ErrorKind::Near,
        }
    }

    /// A semantic error at the current token: its line, no `near` part
    /// (PUC's `luaK_semerror`).
    pub fn semantic_error(&self, message: impl AsRef<[u8]>) -> CompileError {
        CompileError {
            kind: ErrorKind::Semantic,
            ..self.error(message)
        }
    }

    /// Refuses a `count`-th element in one of PUC's growing arrays limited
    /// to `limit` elements (`luaM_growvector`): PUC raises "too many
    /// <what> (limit is N)" as a bare runtime error.
    pub fn check_array_limit(&self, count: usize, limit: usize, what: &str) -> CResult<()> {
        if count <= limit {
            return Ok(());
        }
        Err(CompileError {
            kind: ErrorKind::Plain,
            ..self.error(format!("too many {what} (limit is {limit})"))
        })
    }

    /// PUC's `errorlimit`: "too many <what> (limit is N) in <function>".
    pub fn limit_error(&self, limit: usize, what: &str) -> CompileError {
        let place = match self.proto.line_defined {
            0 => "main function".to_string(),
            line => format!("function at line {line}"),
        };
        self.error(format!("too many {what} (limit is {limit}) in {place}"))
    }

    // ---- instructions and lines -------------------------------------

    pub fn pc(&self) -> usize {
        self.proto.code.len()
    }

    /// Appends an instruction at the current line; returns its index.
    pub fn emit(&mut self, op: Op) -> usize {
        self.proto.code.push(op);
        self.proto.lines.push(self.line);
        self.proto.code.len() - 1
    }

    /// Gives the last instruction another line (an operator's line, say).
    pub fn fix_line(&mut self, line: u32) {
        if let Some(last) = self.proto.lines.last_mut() {
            *last = line;
        }
    }

    pub fn remove_last_instruction(&mut self) {
        self.proto.code.pop();
        self.proto.lines.pop();
    }

    /// The previous instruction, unless a jump may land between it and the
    /// next one (then no peephole optimisation may look at it).
    pub fn previous_instruction(&mut self) -> Option<&mut Op> {
        let pc = self.pc();
        if pc > self.last_target {
            self.proto.code.get_mut(pc - 1)
        } else {
            None
        }
    }

    /// Marks the current position as a jump target and returns it.
    pub fn get_label(&mut self) -> usize {
        self.last_target = self.pc();
        self.last_target
    }

    pub fn set_vararg(&mut self, num_params: u8) {
        self.proto.is_vararg = true;
        self.emit(Op::VarArgPrep {
            nparams: num_params,
        });
    }

    pub fn add_env_upvalue(&mut self) {
        self.proto.upvalues.push(UpvalDesc {
            name: Some(Box::from(&b"_ENV"[..])),
            in_stack: true,
            index: 0,
            kind: VarKind::Regular,
        });
    }

    /// `return` of `nret` values from register `first` (`-1`: up to the
    /// top). Emitted as the general form; `finish` picks `Return0`/`Return1`.
    pub fn ret(&mut self, first: usize, nret: i32) {
        self.emit(Op::Return {
            a: first as Reg,
            b: (nret + 1) as u8,
            close: false,
            nparams1: 0,
        });
    }

    // ---- registers ----------------------------------------------------

    /// Makes sure `n` more registers above the free ones fit in the frame.
    pub fn check_stack(&mut self, n: usize) -> CResult<()> {
        let needed = self.free_reg + n;
        if needed > self.proto.max_stack as usize {
            if needed >= MAX_REGS {
                return Err(self.error("function or expression needs too many registers"));
            }
            self.proto.max_stack = needed as u16;
        }
        Ok(())
    }

    pub fn reserve_regs(&mut self, n: usize) -> CResult<()> {
        self.check_stack(n)?;
        self.free_reg += n;
        Ok(())
    }

    /// Frees `reg` if it is a temporary (locals keep their registers).
    pub fn free_register(&mut self, reg: usize) {
        if reg >= self.nvarstack() {
            self.free_reg -= 1;
            debug_assert_eq!(reg, self.free_reg, "registers are freed in stack order");
        }
    }

    /// Frees two temporaries, the higher first.
    pub fn free_registers(&mut self, r1: Option<usize>, r2: Option<usize>) {
        let (high, low) = if r1 > r2 { (r1, r2) } else { (r2, r1) };
        for reg in [high, low].into_iter().flatten() {
            self.free_register(reg);
        }
    }

    // ---- constants ----------------------------------------------------

    /// The index of `value` in the constant table, added if needed.
    pub fn add_constant(&mut self, value: Constant) -> usize {
        let key = match &value {
            Constant::Nil => ConstKey::Nil,
            Constant::Boolean(b) => ConstKey::Boolean(*b),
            Constant::Integer(i) => ConstKey::Integer(*i),
            // `0.0 == -0.0`, so they share one entry, as in PUC.
            Constant::Number(n) => ConstKey::Float(if *n == 0.0 { 0 } else { n.to_bits() }),
            Constant::String(s) => ConstKey::String(s.clone()),
        };
        let constants = &mut self.proto.constants;
        if let Some(&index) = self.constant_cache.get(&key)
            && constants.get(index) == Some(&value)
        {
            return index;
        }
        constants.push(value);
        let index = constants.len() - 1;
        self.constant_cache.insert(key, index);
        index
    }

    pub fn string_constant(&mut self, s: &[u8]) -> usize {
        self.add_constant(Constant::String(Box::from(s)))
    }

    /// `R[reg] = K[k]`.
    pub fn load_constant(&mut self, reg: usize, k: usize) -> usize {
        self.emit(Op::LoadK {
            a: reg as Reg,
            k: k as u32,
        })
    }

    pub fn load_integer(&mut self, reg: usize, i: i64) {
        if LOAD_IMMEDIATE.contains(&i) {
            self.emit(Op::LoadI {
                a: reg as Reg,
                value: i as i32,
            });
        } else {
            let k = self.add_constant(Constant::Integer(i));
            self.load_constant(reg, k);
        }
    }

    pub fn load_float(&mut self, reg: usize, f: f64) {
        match super::fold::float_to_integer(f) {
            Some(i) if LOAD_IMMEDIATE.contains(&i) => {
                self.emit(Op::LoadF {
                    a: reg as Reg,
                    value: i as i32,
                });
            }
            _ => {
                let k = self.add_constant(Constant::Number(f));
                self.load_constant(reg, k);
            }
        }
    }

    /// `R[from..from+n] = nil`, merged into the previous `LoadNil` when the
    /// ranges touch (so `local a; local b` is one instruction).
    pub fn load_nil(&mut self, from: usize, n: usize) {
        let last = from + n - 1;
        if let Some(Op::LoadNil { a, b }) = self.previous_instruction() {
            let (prev_from, prev_last) = (*a as usize, *a as usize + *b as usize);
            if (prev_from <= from && from <= prev_last + 1)
                || (from <= prev_from && prev_from <= last + 1)
            {
                let new_from = prev_from.min(from);
                let new_last = prev_last.max(last);
                *a = new_from as Reg;
                *b = (new_last - new_from) as u8;
                return;
            }
        }
        self.emit(Op::LoadNil {
            a: from as Reg,
            b: (n - 1) as u8,
        });
    }

    // ---- jumps and jump lists -------------------------------------------

    /// An unconditional jump whose target is fixed later.
    pub fn jump(&mut self) -> usize {
        self.emit(Op::Jmp {
            target: NO_JUMP_TARGET,
        })
    }

    /// A conditional instruction followed by the jump it guards.
    pub fn cond_jump(&mut self, test: Op) -> usize {
        self.emit(test);
        self.jump()
    }

    /// The next jump in the list that `pc` belongs to.
    fn next_jump(&self, pc: usize) -> usize {
        match self.proto.code[pc] {
            Op::Jmp { target } if target != NO_JUMP_TARGET => target as usize,
            _ => NO_JUMP,
        }
    }

    fn check_jump_range(&self, pc: usize, dest: usize) -> CResult<()> {
        let offset = dest as i64 - (pc as i64 + 1);
        if (-MAX_JUMP_OFFSET..=MAX_JUMP_OFFSET + 1).contains(&offset) {
            Ok(())
        } else {
            Err(self.error("control structure too long"))
        }
    }

    /// Points the jump at `pc` to `dest`.
    fn fix_jump(&mut self, pc: usize, dest: usize) -> CResult<()> {
        self.check_jump_range(pc, dest)?;
        if let Op::Jmp { target } = &mut self.proto.code[pc] {
            *target = dest as Target;
        }
        Ok(())
    }

    /// Joins jump list `l2` into jump list `l1`. The order of a list does
    /// not matter (all its jumps get the same destination), so the shorter
    /// list is linked in front of the longer one: walking both in step
    /// keeps `a and b and c ...` linear (PUC always walks `l1`, which is
    /// quadratic on long chains).
    pub fn concat_jumps(&mut self, l1: &mut usize, l2: usize) -> CResult<()> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let (mut a, mut b) = (*l1, l2);
        loop {
            let next_a = self.next_jump(a);
            if next_a == NO_JUMP {
                return self.fix_jump(a, l2);
            }
            let next_b = self.next_jump(b);
            if next_b == NO_JUMP {
                self.fix_jump(b, *l1)?;
                *l1 = l2;
                return Ok(());
            }
            (a, b) = (next_a, next_b);
        }
    }

    /// The instruction that decides whether the jump at `pc` is taken: the
    /// test before it, or the jump itself when unconditional.
    pub fn jump_control(&self, pc: usize) -> usize {
        if pc >= 1 && is_test(&self.proto.code[pc - 1]) {
            pc - 1
        } else {
            pc
        }
    }

    /// Gives a `TestSet` controlling the jump at `node` its destination
    /// register, or turns it into a plain `Test` when there is none (or
    /// the value is already there). False when the control is no `TestSet`.
    fn patch_test_reg(&mut self, node: usize, reg: Reg) -> bool {
        let control = self.jump_control(node);
        let Op::TestSet { b, k, .. } = self.proto.code[control] else {
            return false;
        };
        self.proto.code[control] = if reg != NO_REG && reg != b {
            Op::TestSet { a: reg, b, k }
        } else {
            Op::Test { a: b, k }
        };
        true
    }

    /// Makes every test in `list` produce no value.
    pub fn remove_values(&mut self, mut list: usize) {
        while list != NO_JUMP {
            self.patch_test_reg(list, NO_REG);
            list = self.next_jump(list);
        }
    }

    /// Whether some jump in `list` does not carry a value (needs the
    /// boolean loads of `exp_to_reg`).
    pub fn need_value(&self, mut list: usize) -> bool {
        while list != NO_JUMP {
            let control = self.jump_control(list);
            if !matches!(self.proto.code[control], Op::TestSet { .. }) {
                return true;
            }
            list = self.next_jump(list);
        }
        false
    }

    /// Patches `list`: value-producing tests store into `reg` and jump to
    /// `value_target`, other jumps go to `default_target`.
    pub fn patch_list_aux(
        &mut self,
        mut list: usize,
        value_target: usize,
        reg: Reg,
        default_target: usize,
    ) -> CResult<()> {
        while list != NO_JUMP {
            let next = self.next_jump(list);
            if self.patch_test_reg(list, reg) {
                self.fix_jump(list, value_target)?;
            } else {
                self.fix_jump(list, default_target)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Points every jump of `list` to `target`.
    pub fn patch_list(&mut self, list: usize, target: usize) -> CResult<()> {
        self.patch_list_aux(list, target, NO_REG, target)
    }

    pub fn patch_to_here(&mut self, list: usize) -> CResult<()> {
        let here = self.get_label();
        self.patch_list(list, here)
    }

    /// A `Jmp` back (or forward) to a known position.
    pub fn jump_to(&mut self, target: usize) -> CResult<()> {
        let jump = self.jump();
        self.patch_list(jump, target)
    }

    // ---- finishing --------------------------------------------------------

    /// The final pass (PUC's `luaK_finish`): returns get their close and
    /// vararg operands, simple returns their short forms, and jumps to
    /// jumps go straight to the final destination.
    pub fn finish(mut self) -> CResult<Proto> {
        let needs_close = self.needs_close;
        let nparams1 = if self.proto.is_vararg {
            self.proto.num_params + 1
        } else {
            0
        };
        for pc in 0..self.proto.code.len() {
            match self.proto.code[pc] {
                Op::Return { a, b, .. } => {
                    self.proto.code[pc] = match b {
                        1 if !needs_close && nparams1 == 0 => Op::Return0,
                        2 if !needs_close && nparams1 == 0 => Op::Return1 { a },
                        _ => Op::Return {
                            a,
                            b,
                            close: needs_close,
                            nparams1,
                        },
                    };
                }
                Op::TailCall { a, b, .. } => {
                    self.proto.code[pc] = Op::TailCall {
                        a,
                        b,
                        close: needs_close,
                        nparams1,
                    };
                }
                Op::Jmp { .. } => {
                    let target = self.final_target(pc);
                    self.fix_jump(pc, target)?;
                }
                Op::TestSet { a: NO_REG, b, k } => {
                    // Every test list is patched before the function ends;
                    // this keeps a stray one harmless.
                    self.proto.code[pc] = Op::Test { a: b, k };
                }
                _ => {}
            }
        }
        Ok(self.proto)
    }

    /// Where a jump really lands, following chains of jumps (at most 100,
    /// as PUC, so a loop of jumps cannot hang the compiler).
    fn final_target(&self, mut pc: usize) -> usize {
        for _ in 0..100 {
            match self.proto.code.get(pc) {
                Some(Op::Jmp { target }) if *target != NO_JUMP_TARGET => pc = *target as usize,
                _ => break,
            }
        }
        pc
    }
}

/// Instructions that test a condition and skip the next one (a `Jmp`).
pub(super) fn is_test(op: &Op) -> bool {
    matches!(
        op,
        Op::Eq { .. }
            | Op::Lt { .. }
            | Op::Le { .. }
            | Op::EqK { .. }
            | Op::EqI { .. }
            | Op::LtI { .. }
            | Op::LeI { .. }
            | Op::GtI { .. }
            | Op::GeI { .. }
            | Op::Test { .. }
            | Op::TestSet { .. }
    )
}
