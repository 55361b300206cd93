//! Expression descriptors and the code they turn into (PUC's `expdesc` and
//! the upper half of `lcode.c`).
//!
//! An expression is compiled lazily: a descriptor says where its value is
//! or how to get it (a constant, a local, `t.k` not yet loaded, an
//! instruction whose destination register is still open, a comparison
//! whose jump is pending...). Code is emitted only when the consumer says
//! where the value must go, which is what lets `local x = a + 1` compute
//! straight into `x`, and `if a and b then` jump without building booleans.

use super::CResult;
use super::code::{FuncState, MAX_INDEX_RK, NO_JUMP, NO_REG};
use super::fold::{self, Numeral};
use crate::ast::Name;
use crate::bytecode::{Constant, Op, RK, Reg, ShortConstIdx, VarKind};

/// Short strings (PUC's `LUAI_MAXSHORTLEN`) are the only keys that
/// `GetField`/`SetField`/`GetTabUp` take as constants.
const MAX_SHORT_STRING: usize = 40;

/// Where the value of an expression is, or how to produce it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ExpKind {
    /// No value (an empty expression list).
    Void,
    Nil,
    True,
    False,
    /// A string literal not yet in the constant table.
    Str(Name),
    /// A constant in the constant table.
    K(usize),
    Float(f64),
    Int(i64),
    /// A compile-time constant local (`local x <const> = 10`).
    CompileTimeConst {
        value: Constant,
        name: Name,
    },
    /// A value in a fixed register.
    NonReloc(usize),
    /// A local variable: register and index among the function's locals.
    Local {
        reg: usize,
        vidx: usize,
    },
    Upval(usize),
    /// `U[table][K[key]]` (a short-string key).
    IndexUp {
        table: usize,
        key: usize,
    },
    /// `R[table][K[key]]` (a short-string key).
    IndexStr {
        table: usize,
        key: usize,
    },
    /// `R[table][key]` (an integer key 0..=255).
    IndexInt {
        table: usize,
        key: u8,
    },
    /// `R[table][R[key]]`
    Indexed {
        table: usize,
        key: usize,
    },
    /// A comparison: the pc of its jump.
    Jmp(usize),
    /// An instruction (at this pc) whose destination is still open.
    Reloc(usize),
    /// A call (at this pc), whose result count is still open.
    Call(usize),
    /// A `VarArg` (at this pc), whose result count is still open.
    Vararg(usize),
}

/// An expression descriptor: its kind plus the jumps to take when the
/// expression is true (`t`) or false (`f`), as in `a and b or c`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ExpDesc {
    pub kind: ExpKind,
    pub t: usize,
    pub f: usize,
}

impl ExpDesc {
    pub fn new(kind: ExpKind) -> ExpDesc {
        ExpDesc {
            kind,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    pub fn void() -> ExpDesc {
        ExpDesc::new(ExpKind::Void)
    }

    pub fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// Calls and `...` can produce any number of values.
    pub fn has_multiple_results(&self) -> bool {
        matches!(self.kind, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// The register of a value in a fixed register.
    pub fn nonreloc(&self) -> Option<usize> {
        match self.kind {
            ExpKind::NonReloc(reg) => Some(reg),
            _ => None,
        }
    }

    /// The numeric literal, when the expression is one (and has no jumps).
    pub fn numeral(&self) -> Option<Numeral> {
        if self.has_jumps() {
            return None;
        }
        match self.kind {
            ExpKind::Int(i) => Some(Numeral::Int(i)),
            ExpKind::Float(f) => Some(Numeral::Float(f)),
            _ => None,
        }
    }

    /// An integer literal.
    pub fn integer(&self) -> Option<i64> {
        match self.kind {
            ExpKind::Int(i) if !self.has_jumps() => Some(i),
            _ => None,
        }
    }

    /// An integer literal that fits an instruction's 8-bit immediate. PUC
    /// allows -127..=128; Saturn's `i8` immediates stop at 127.
    pub fn small_integer(&self) -> Option<i8> {
        self.integer()
            .filter(|i| (-127..=127).contains(i))
            .map(|i| i as i8)
    }

    /// An integer or integral float literal that fits a comparison's
    /// immediate (PUC's `isSCnumber`): the value and whether it was a float.
    pub fn comparison_immediate(&self) -> Option<(i16, bool)> {
        if self.has_jumps() {
            return None;
        }
        let (value, is_float) = match self.kind {
            ExpKind::Int(i) => (i, false),
            ExpKind::Float(f) => (fold::float_to_integer(f)?, true),
            _ => return None,
        };
        (-127..=128)
            .contains(&value)
            .then_some((value as i16, is_float))
    }

    /// The value of a constant expression (PUC's `luaK_exp2const`), used to
    /// turn `local x <const> = ...` into a compile-time constant.
    pub fn constant_value(&self) -> Option<Constant> {
        if self.has_jumps() {
            return None;
        }
        match &self.kind {
            ExpKind::Nil => Some(Constant::Nil),
            ExpKind::True => Some(Constant::Boolean(true)),
            ExpKind::False => Some(Constant::Boolean(false)),
            ExpKind::Str(s) => Some(Constant::String(s.clone())),
            ExpKind::CompileTimeConst { value, .. } => Some(value.clone()),
            ExpKind::Int(i) => Some(Constant::Integer(*i)),
            ExpKind::Float(f) => Some(Constant::Number(*f)),
            _ => None,
        }
    }

    /// A descriptor for a constant value.
    pub fn from_constant(value: &Constant) -> ExpKind {
        match value {
            Constant::Nil => ExpKind::Nil,
            Constant::Boolean(true) => ExpKind::True,
            Constant::Boolean(false) => ExpKind::False,
            Constant::Integer(i) => ExpKind::Int(*i),
            Constant::Number(f) => ExpKind::Float(*f),
            Constant::String(s) => ExpKind::Str(s.clone()),
        }
    }

    pub fn is_variable(&self) -> bool {
        matches!(
            self.kind,
            ExpKind::Local { .. }
                | ExpKind::Upval(_)
                | ExpKind::CompileTimeConst { .. }
                | ExpKind::IndexUp { .. }
                | ExpKind::IndexStr { .. }
                | ExpKind::IndexInt { .. }
                | ExpKind::Indexed { .. }
        )
    }

    pub fn is_indexed(&self) -> bool {
        matches!(
            self.kind,
            ExpKind::IndexUp { .. }
                | ExpKind::IndexStr { .. }
                | ExpKind::IndexInt { .. }
                | ExpKind::Indexed { .. }
        )
    }
}

/// The destination register of instructions whose result can be placed
/// anywhere (those a `Reloc` descriptor points at).
fn set_destination(op: &mut Op, reg: Reg) {
    if let Some(arith) = op.as_arith() {
        *op = match arith.second {
            RK::Reg(c) => Op::arith(arith.op, reg, arith.b, c),
            RK::Const(k) => Op::arith_k(arith.op, reg, arith.b, k),
        };
        return;
    }
    match op {
        Op::GetUpval { a, .. }
        | Op::GetTabUp { a, .. }
        | Op::GetTable { a, .. }
        | Op::GetI { a, .. }
        | Op::GetField { a, .. }
        | Op::AddI { a, .. }
        | Op::ShrI { a, .. }
        | Op::ShlI { a, .. }
        | Op::Unm { a, .. }
        | Op::BNot { a, .. }
        | Op::Not { a, .. }
        | Op::Len { a, .. }
        | Op::Closure { a, .. }
        | Op::VarArg { a, .. }
        | Op::LoadK { a, .. }
        | Op::Move { a, .. } => *a = reg,
        _ => debug_assert!(false, "{op:?} is not relocatable"),
    }
}

impl FuncState {
    // ---- getting values into registers ------------------------------------

    /// Frees the register of a temporary value.
    pub fn free_exp(&mut self, e: &ExpDesc) {
        if let Some(reg) = e.nonreloc() {
            self.free_register(reg);
        }
    }

    pub fn free_exps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        self.free_registers(e1.nonreloc(), e2.nonreloc());
    }

    /// Fixes a multi-result expression to `n` results (`-1`: all).
    pub fn set_returns(&mut self, e: &ExpDesc, n: i32) -> CResult<()> {
        let c = (n + 1) as u8;
        match e.kind {
            ExpKind::Call(pc) => {
                if let Op::Call { c: results, .. } = &mut self.proto.code[pc] {
                    *results = c;
                }
            }
            ExpKind::Vararg(pc) => {
                let free = self.free_reg as Reg;
                if let Op::VarArg { a, c: results } = &mut self.proto.code[pc] {
                    *a = free;
                    *results = c;
                }
                self.reserve_regs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub fn set_multiple_returns(&mut self, e: &ExpDesc) -> CResult<()> {
        self.set_returns(e, -1)
    }

    /// Fixes a multi-result expression to one result.
    pub fn set_one_return(&mut self, e: &mut ExpDesc) {
        match e.kind {
            ExpKind::Call(pc) => {
                if let Op::Call { a, .. } = self.proto.code[pc] {
                    e.kind = ExpKind::NonReloc(a as usize);
                }
            }
            ExpKind::Vararg(pc) => {
                if let Op::VarArg { c, .. } = &mut self.proto.code[pc] {
                    *c = 2;
                }
                e.kind = ExpKind::Reloc(pc);
            }
            _ => {}
        }
    }

    /// Makes sure `e` is not a variable: loads indexed values and upvalues
    /// (into a register still to be chosen).
    pub fn discharge_vars(&mut self, e: &mut ExpDesc) {
        let kind = std::mem::replace(&mut e.kind, ExpKind::Void);
        e.kind = match kind {
            ExpKind::CompileTimeConst { value, .. } => ExpDesc::from_constant(&value),
            ExpKind::Local { reg, .. } => ExpKind::NonReloc(reg),
            ExpKind::Upval(index) => ExpKind::Reloc(self.emit(Op::GetUpval {
                a: 0,
                b: index as Reg,
            })),
            ExpKind::IndexUp { table, key } => ExpKind::Reloc(self.emit(Op::GetTabUp {
                a: 0,
                b: table as Reg,
                key: key as ShortConstIdx,
            })),
            ExpKind::IndexInt { table, key } => {
                self.free_register(table);
                ExpKind::Reloc(self.emit(Op::GetI {
                    a: 0,
                    b: table as Reg,
                    c: key,
                }))
            }
            ExpKind::IndexStr { table, key } => {
                self.free_register(table);
                ExpKind::Reloc(self.emit(Op::GetField {
                    a: 0,
                    b: table as Reg,
                    key: key as ShortConstIdx,
                }))
            }
            ExpKind::Indexed { table, key } => {
                self.free_registers(Some(table), Some(key));
                ExpKind::Reloc(self.emit(Op::GetTable {
                    a: 0,
                    b: table as Reg,
                    c: key as Reg,
                }))
            }
            kind @ (ExpKind::Call(_) | ExpKind::Vararg(_)) => {
                e.kind = kind;
                self.set_one_return(e);
                return;
            }
            other => other,
        };
    }

    /// Puts the value of `e` in register `reg` (jump lists aside).
    fn discharge_to_reg(&mut self, e: &mut ExpDesc, reg: usize) {
        self.discharge_vars(e);
        let r = reg as Reg;
        match &e.kind {
            ExpKind::Nil => self.load_nil(reg, 1),
            ExpKind::False => {
                self.emit(Op::LoadFalse { a: r });
            }
            ExpKind::True => {
                self.emit(Op::LoadTrue { a: r });
            }
            ExpKind::Str(s) => {
                let k = self.string_constant(s);
                self.load_constant(reg, k);
            }
            ExpKind::K(k) => {
                self.load_constant(reg, *k);
            }
            ExpKind::Float(f) => self.load_float(reg, *f),
            ExpKind::Int(i) => self.load_integer(reg, *i),
            ExpKind::Reloc(pc) => set_destination(&mut self.proto.code[*pc], r),
            ExpKind::NonReloc(source) => {
                if *source != reg {
                    self.emit(Op::Move {
                        a: r,
                        b: *source as Reg,
                    });
                }
            }
            // A comparison has no value yet; `exp_to_reg` handles it.
            _ => return,
        }
        e.kind = ExpKind::NonReloc(reg);
    }

    fn discharge_to_any_reg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if e.nonreloc().is_none() {
            self.reserve_regs(1)?;
            let reg = self.free_reg - 1;
            self.discharge_to_reg(e, reg);
        }
        Ok(())
    }

    /// `R[reg] = false; skip` or `R[reg] = true`, as a jump target.
    fn load_bool_target(&mut self, op: Op) -> usize {
        self.get_label();
        self.emit(op)
    }

    /// Puts the whole value of `e` — jump lists included — in `reg`.
    pub fn exp_to_reg(&mut self, e: &mut ExpDesc, reg: usize) -> CResult<()> {
        self.discharge_to_reg(e, reg);
        if let ExpKind::Jmp(pc) = e.kind {
            let mut t = e.t;
            self.concat_jumps(&mut t, pc)?;
            e.t = t;
        }
        if e.has_jumps() {
            let r = reg as Reg;
            let mut load_false = NO_JUMP;
            let mut load_true = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let skip = if matches!(e.kind, ExpKind::Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump()
                };
                load_false = self.load_bool_target(Op::LFalseSkip { a: r });
                load_true = self.load_bool_target(Op::LoadTrue { a: r });
                self.patch_to_here(skip)?;
            }
            let end = self.get_label();
            self.patch_list_aux(e.f, end, r, load_false)?;
            self.patch_list_aux(e.t, end, r, load_true)?;
        }
        *e = ExpDesc::new(ExpKind::NonReloc(reg));
        Ok(())
    }

    /// Puts the value of `e` in the next free register.
    pub fn exp_to_next_reg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e);
        self.free_exp(e);
        self.reserve_regs(1)?;
        let reg = self.free_reg - 1;
        self.exp_to_reg(e, reg)
    }

    /// Puts the value of `e` in some register and returns it.
    pub fn exp_to_any_reg(&mut self, e: &mut ExpDesc) -> CResult<usize> {
        self.discharge_vars(e);
        if let Some(reg) = e.nonreloc() {
            if !e.has_jumps() {
                return Ok(reg);
            }
            if reg >= self.nvarstack() {
                self.exp_to_reg(e, reg)?;
                return Ok(reg);
            }
            // A local cannot receive the values of the jumps: fall through.
        }
        self.exp_to_next_reg(e)?;
        Ok(self.free_reg - 1)
    }

    /// Puts the value of `e` in a register, unless it is an upvalue.
    pub fn exp_to_any_reg_up(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if !matches!(e.kind, ExpKind::Upval(_)) || e.has_jumps() {
            self.exp_to_any_reg(e)?;
        }
        Ok(())
    }

    /// Makes `e` a value: in a register or a constant.
    pub fn exp_to_val(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if matches!(e.kind, ExpKind::Jmp(_)) || e.has_jumps() {
            self.exp_to_any_reg(e)?;
        } else {
            self.discharge_vars(e);
        }
        Ok(())
    }

    /// Turns a literal into a constant-table entry usable as an operand.
    /// False when `e` is no literal or its index is too large.
    pub fn exp_to_k(&mut self, e: &mut ExpDesc) -> bool {
        if e.has_jumps() {
            return false;
        }
        let index = match &e.kind {
            ExpKind::True => self.add_constant(Constant::Boolean(true)),
            ExpKind::False => self.add_constant(Constant::Boolean(false)),
            ExpKind::Nil => self.add_constant(Constant::Nil),
            ExpKind::Int(i) => self.add_constant(Constant::Integer(*i)),
            ExpKind::Float(f) => self.add_constant(Constant::Number(*f)),
            ExpKind::Str(s) => self.string_constant(s),
            ExpKind::K(k) => *k,
            _ => return false,
        };
        if index <= MAX_INDEX_RK {
            e.kind = ExpKind::K(index);
            true
        } else {
            false
        }
    }

    /// A register-or-constant operand for `e`.
    pub fn exp_to_rk(&mut self, e: &mut ExpDesc) -> CResult<RK> {
        if self.exp_to_k(e)
            && let ExpKind::K(k) = e.kind
        {
            return Ok(RK::Const(k as ShortConstIdx));
        }
        let reg = self.exp_to_any_reg(e)?;
        Ok(RK::Reg(reg as Reg))
    }

    /// Whether `e` is a short-string constant usable as a field key.
    fn is_short_string_constant(&self, e: &ExpDesc) -> bool {
        match e.kind {
            ExpKind::K(k) if !e.has_jumps() && k <= MAX_INDEX_RK => matches!(
                &self.proto.constants[k],
                Constant::String(s) if s.len() <= MAX_SHORT_STRING
            ),
            _ => false,
        }
    }

    // ---- variables ----------------------------------------------------------

    /// Stores the value of `ex` into the variable `var`.
    pub fn store_var(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> CResult<()> {
        match var.kind {
            ExpKind::Local { reg, .. } => {
                self.free_exp(ex);
                return self.exp_to_reg(ex, reg);
            }
            ExpKind::Upval(index) => {
                let reg = self.exp_to_any_reg(ex)?;
                self.emit(Op::SetUpval {
                    a: reg as Reg,
                    b: index as Reg,
                });
            }
            ExpKind::IndexUp { table, key } => {
                let value = self.exp_to_rk(ex)?;
                self.emit(Op::SetTabUp {
                    a: table as Reg,
                    key: key as ShortConstIdx,
                    value,
                });
            }
            ExpKind::IndexInt { table, key } => {
                let value = self.exp_to_rk(ex)?;
                self.emit(Op::SetI {
                    a: table as Reg,
                    b: key,
                    value,
                });
            }
            ExpKind::IndexStr { table, key } => {
                let value = self.exp_to_rk(ex)?;
                self.emit(Op::SetField {
                    a: table as Reg,
                    key: key as ShortConstIdx,
                    value,
                });
            }
            ExpKind::Indexed { table, key } => {
                let value = self.exp_to_rk(ex)?;
                self.emit(Op::SetTable {
                    a: table as Reg,
                    b: key as Reg,
                    value,
                });
            }
            _ => return Err(self.error("syntax error")),
        }
        self.free_exp(ex);
        Ok(())
    }

    /// Turns `t` (in a register or an upvalue) into the variable `t[k]`.
    pub fn indexed(&mut self, t: &mut ExpDesc, k: &mut ExpDesc) -> CResult<()> {
        if let ExpKind::Str(s) = &k.kind {
            let index = self.string_constant(s);
            k.kind = ExpKind::K(index);
        }
        if matches!(t.kind, ExpKind::Upval(_)) && !self.is_short_string_constant(k) {
            self.exp_to_any_reg(t)?;
        }
        let table = match t.kind {
            ExpKind::Upval(index) => {
                if let ExpKind::K(key) = k.kind {
                    t.kind = ExpKind::IndexUp { table: index, key };
                }
                return Ok(());
            }
            ExpKind::Local { reg, .. } | ExpKind::NonReloc(reg) => reg,
            _ => return Err(self.error("syntax error")),
        };
        t.kind = if self.is_short_string_constant(k) {
            let ExpKind::K(key) = k.kind else {
                unreachable!("checked by is_short_string_constant")
            };
            ExpKind::IndexStr { table, key }
        } else if let Some(key) = k.integer().filter(|i| (0..=255).contains(i)) {
            ExpKind::IndexInt {
                table,
                key: key as u8,
            }
        } else {
            let key = self.exp_to_any_reg(k)?;
            ExpKind::Indexed { table, key }
        };
        Ok(())
    }

    /// `obj:method`: `R[base+1] = obj; R[base] = obj.method`.
    pub fn self_op(&mut self, e: &mut ExpDesc, key: &mut ExpDesc) -> CResult<()> {
        let obj = self.exp_to_any_reg(e)?;
        self.free_exp(e);
        let base = self.free_reg;
        *e = ExpDesc::new(ExpKind::NonReloc(base));
        self.reserve_regs(2)?;
        let key_operand = self.exp_to_rk(key)?;
        self.emit(Op::SelfOp {
            a: base as Reg,
            b: obj as Reg,
            key: key_operand,
        });
        self.free_exp(key);
        Ok(())
    }

    // ---- conditions --------------------------------------------------------

    /// Inverts the comparison that controls the jump of `e`.
    fn negate_condition(&mut self, e: &ExpDesc) {
        let ExpKind::Jmp(pc) = e.kind else { return };
        let control = self.jump_control(pc);
        match &mut self.proto.code[control] {
            Op::Eq { k, .. }
            | Op::Lt { k, .. }
            | Op::Le { k, .. }
            | Op::EqK { k, .. }
            | Op::EqI { k, .. }
            | Op::LtI { k, .. }
            | Op::LeI { k, .. }
            | Op::GtI { k, .. }
            | Op::GeI { k, .. } => *k = !*k,
            other => debug_assert!(false, "cannot negate {other:?}"),
        }
    }

    /// Emits a jump taken when `e` is `cond`; `not x` tests `x` directly.
    fn jump_on_cond(&mut self, e: &mut ExpDesc, cond: bool) -> CResult<usize> {
        if let ExpKind::Reloc(pc) = e.kind
            && pc + 1 == self.pc()
            && let Op::Not { b, .. } = self.proto.code[pc]
        {
            self.remove_last_instruction();
            return Ok(self.cond_jump(Op::Test { a: b, k: !cond }));
        }
        self.discharge_to_any_reg(e)?;
        self.free_exp(e);
        let reg = e.nonreloc().unwrap_or_default() as Reg;
        Ok(self.cond_jump(Op::TestSet {
            a: NO_REG,
            b: reg,
            k: cond,
        }))
    }

    /// Code that falls through when `e` is true and jumps (via `e.f`)
    /// when it is false.
    pub fn go_if_true(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e);
        let jump = match e.kind {
            ExpKind::Jmp(pc) => {
                self.negate_condition(e);
                pc
            }
            ExpKind::K(_)
            | ExpKind::Float(_)
            | ExpKind::Int(_)
            | ExpKind::Str(_)
            | ExpKind::True => NO_JUMP,
            _ => self.jump_on_cond(e, false)?,
        };
        let mut f = e.f;
        self.concat_jumps(&mut f, jump)?;
        e.f = f;
        self.patch_to_here(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Code that falls through when `e` is false and jumps (via `e.t`)
    /// when it is true.
    pub fn go_if_false(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e);
        let jump = match e.kind {
            ExpKind::Jmp(pc) => pc,
            ExpKind::Nil | ExpKind::False => NO_JUMP,
            _ => self.jump_on_cond(e, true)?,
        };
        let mut t = e.t;
        self.concat_jumps(&mut t, jump)?;
        e.t = t;
        self.patch_to_here(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }

    /// `not e`, folded for constants.
    pub fn code_not(&mut self, e: &mut ExpDesc) -> CResult<()> {
        match e.kind {
            ExpKind::Nil | ExpKind::False => e.kind = ExpKind::True,
            ExpKind::K(_)
            | ExpKind::Float(_)
            | ExpKind::Int(_)
            | ExpKind::Str(_)
            | ExpKind::True => e.kind = ExpKind::False,
            ExpKind::Jmp(_) => self.negate_condition(e),
            _ => {
                self.discharge_to_any_reg(e)?;
                self.free_exp(e);
                let reg = e.nonreloc().unwrap_or_default() as Reg;
                e.kind = ExpKind::Reloc(self.emit(Op::Not { a: 0, b: reg }));
            }
        }
        std::mem::swap(&mut e.t, &mut e.f);
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }

    /// Whether local `vidx` may not be assigned: its name when read-only.
    pub fn read_only_local(&self, vidx: usize) -> Option<&[u8]> {
        let var = self.vars.get(vidx)?;
        (var.kind != VarKind::Regular).then_some(&var.name[..])
    }
}
