//! Operators: unary and binary operators applied to expression
//! descriptors, with PUC's choice of immediate (`AddI`, `EqI`, `LtI`...)
//! and constant (`ArithK`, `EqK`) operands, constant folding, and merged
//! concatenations.
//!
//! Saturn's instructions have no "flipped" forms (PUC's `MMBIN*` `k` bit,
//! which tells a metamethod that the operands were swapped), and no way to
//! run `x - 1` as `x + -1` while still calling `__sub`. So a constant
//! first operand of `+ * & | ~` stays first, in a register; `x - k` uses
//! `SubK` and `x << k` uses `ShlK` (`ArithK`), where PUC uses `ADDI`/`SHRI`
//! with a negated immediate. Everything else follows PUC.

use super::CResult;
use super::code::FuncState;
use super::exp::{ExpDesc, ExpKind};
use super::fold::{self, FoldOp, Numeral};
use crate::ast::{BinOp, UnOp};
use crate::bytecode::{ArithOp, Op, RK, Reg, ShortConstIdx};

/// The arithmetic or bitwise operation of a binary operator.
fn arith_op(op: BinOp) -> Option<ArithOp> {
    Some(match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Div => ArithOp::Div,
        BinOp::IDiv => ArithOp::IDiv,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        BinOp::BAnd => ArithOp::BAnd,
        BinOp::BOr => ArithOp::BOr,
        BinOp::BXor => ArithOp::BXor,
        BinOp::Shl => ArithOp::Shl,
        BinOp::Shr => ArithOp::Shr,
        _ => return None,
    })
}

impl FuncState {
    /// Folds `e1 op e2` when both are numerals and folding is safe.
    fn fold_constants(&mut self, op: FoldOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
        let (Some(a), Some(b)) = (e1.numeral(), e2.numeral()) else {
            return false;
        };
        match fold::fold(op, a, b) {
            Some(Numeral::Int(i)) => e1.kind = ExpKind::Int(i),
            Some(Numeral::Float(f)) => e1.kind = ExpKind::Float(f),
            None => return false,
        }
        true
    }

    /// A unary operator applied to `e`; `line` is the operator's.
    pub fn prefix(&mut self, op: UnOp, e: &mut ExpDesc, line: u32) -> CResult<()> {
        self.discharge_vars(e);
        let zero = ExpDesc::new(ExpKind::Int(0));
        let make: fn(Reg, Reg) -> Op = match op {
            UnOp::Not => return self.code_not(e),
            UnOp::Neg => {
                if self.fold_constants(FoldOp::Neg, e, &zero) {
                    return Ok(());
                }
                |a, b| Op::Unm { a, b }
            }
            UnOp::BNot => {
                if self.fold_constants(FoldOp::BNot, e, &zero) {
                    return Ok(());
                }
                |a, b| Op::BNot { a, b }
            }
            UnOp::Len => |a, b| Op::Len { a, b },
        };
        let reg = self.exp_to_any_reg(e)?;
        self.free_exp(e);
        e.kind = ExpKind::Reloc(self.emit(make(0, reg as Reg)));
        self.fix_line(line);
        Ok(())
    }

    /// Prepares the first operand of `op` before the second is compiled.
    pub fn infix(&mut self, op: BinOp, v: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(v);
        match op {
            BinOp::And => self.go_if_true(v)?,
            BinOp::Or => self.go_if_false(v)?,
            BinOp::Concat => self.exp_to_next_reg(v)?,
            BinOp::Eq | BinOp::Ne => {
                // Numerals may become immediate operands.
                if v.numeral().is_none() {
                    self.exp_to_rk(v)?;
                }
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                if v.comparison_immediate().is_none() {
                    self.exp_to_any_reg(v)?;
                }
            }
            _ => {
                // Numerals may be folded or become immediate operands.
                if v.numeral().is_none() {
                    self.exp_to_any_reg(v)?;
                }
            }
        }
        Ok(())
    }

    /// Completes `e1 op e2` once both operands are compiled; `line` is the
    /// operator's.
    pub fn posfix(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc,
        mut e2: ExpDesc,
        line: u32,
    ) -> CResult<()> {
        self.discharge_vars(&mut e2);
        if let Some(arith) = arith_op(op)
            && self.fold_constants(FoldOp::Arith(arith), e1, &e2)
        {
            return Ok(());
        }
        match op {
            BinOp::And => {
                let mut f = e2.f;
                self.concat_jumps(&mut f, e1.f)?;
                e2.f = f;
                *e1 = e2;
            }
            BinOp::Or => {
                let mut t = e2.t;
                self.concat_jumps(&mut t, e1.t)?;
                e2.t = t;
                *e1 = e2;
            }
            BinOp::Concat => {
                self.exp_to_next_reg(&mut e2)?;
                self.code_concat(e1, &e2, line);
            }
            BinOp::Add | BinOp::Mul => self.code_commutative(op, e1, e2, line)?,
            BinOp::Sub | BinOp::Div | BinOp::IDiv | BinOp::Mod | BinOp::Pow => {
                self.code_arith(op, e1, e2, line)?
            }
            BinOp::BAnd | BinOp::BOr | BinOp::BXor => self.code_bitwise(op, e1, e2, line)?,
            BinOp::Shl => {
                if let Some(imm) = e1.small_integer() {
                    // `imm << x`
                    let reg = self.exp_to_any_reg(&mut e2)?;
                    self.finish_value_op(e1, &e2, line, |a| Op::ShlI {
                        a,
                        b: reg as Reg,
                        imm,
                    });
                } else if e2.small_integer().is_some() {
                    // PUC codes `x << i` as `x >> -i`, which would call
                    // `__shr`; a constant operand keeps `__shl`.
                    self.code_arith(op, e1, e2, line)?;
                } else {
                    self.code_registers(op, e1, e2, line)?;
                }
            }
            BinOp::Shr => {
                if let Some(imm) = e2.small_integer() {
                    let reg = self.exp_to_any_reg(e1)?;
                    self.finish_value_op(e1, &e2, line, |a| Op::ShrI {
                        a,
                        b: reg as Reg,
                        imm,
                    });
                } else {
                    self.code_registers(op, e1, e2, line)?;
                }
            }
            BinOp::Eq | BinOp::Ne => self.code_eq(op == BinOp::Eq, e1, e2)?,
            BinOp::Gt | BinOp::Ge => {
                // `a > b` is `b < a`; `a >= b` is `b <= a`.
                let mut lhs = e2;
                std::mem::swap(e1, &mut lhs);
                self.code_order(op == BinOp::Ge, e1, lhs)?;
            }
            BinOp::Lt | BinOp::Le => self.code_order(op == BinOp::Le, e1, e2)?,
        }
        Ok(())
    }

    /// Emits the instruction of a value-producing operator (its first
    /// operand already in a register) and makes `e1` its result.
    fn finish_value_op(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        line: u32,
        make: impl FnOnce(Reg) -> Op,
    ) {
        let pc = self.emit(make(0));
        self.free_exps(e1, e2);
        *e1 = ExpDesc::new(ExpKind::Reloc(pc));
        self.fix_line(line);
    }

    /// `e1 op e2` with both operands in registers.
    fn code_registers(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc,
        mut e2: ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let Some(arith) = arith_op(op) else {
            return Err(self.error("syntax error"));
        };
        let c = self.exp_to_any_reg(&mut e2)?;
        let b = self.exp_to_any_reg(e1)?;
        self.finish_value_op(e1, &e2, line, |a| Op::arith(arith, a, b as Reg, c as Reg));
        Ok(())
    }

    /// `e1 op e2`, with a numeric constant second operand when possible.
    fn code_arith(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc,
        mut e2: ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let Some(arith) = arith_op(op) else {
            return Err(self.error("syntax error"));
        };
        if e2.numeral().is_some()
            && self.exp_to_k(&mut e2)
            && let ExpKind::K(k) = e2.kind
        {
            let b = self.exp_to_any_reg(e1)?;
            self.finish_value_op(e1, &e2, line, |a| {
                Op::arith_k(arith, a, b as Reg, k as ShortConstIdx)
            });
            return Ok(());
        }
        self.code_registers(op, e1, e2, line)
    }

    /// `+` and `*`. PUC swaps a numeral first operand to the second place
    /// and marks the instruction "flipped" for metamethods; Saturn has no
    /// flipped forms, so it swaps only when both operands are numerals
    /// (numbers have no metamethods), and otherwise uses registers.
    fn code_commutative(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc,
        mut e2: ExpDesc,
        line: u32,
    ) -> CResult<()> {
        if e1.numeral().is_some() {
            if e2.numeral().is_none() {
                return self.code_registers(op, e1, e2, line);
            }
            std::mem::swap(e1, &mut e2);
        }
        if op == BinOp::Add
            && let Some(imm) = e2.small_integer()
        {
            let b = self.exp_to_any_reg(e1)?;
            self.finish_value_op(e1, &e2, line, |a| Op::AddI {
                a,
                b: b as Reg,
                imm,
            });
            return Ok(());
        }
        self.code_arith(op, e1, e2, line)
    }

    /// `&`, `|`, `~`: an integer constant second operand when possible (a
    /// constant first operand stays first, in a register, as for `+`).
    fn code_bitwise(&mut self, op: BinOp, e1: &mut ExpDesc, e2: ExpDesc, line: u32) -> CResult<()> {
        if matches!(e1.kind, ExpKind::Int(_)) || !matches!(e2.kind, ExpKind::Int(_)) {
            return self.code_registers(op, e1, e2, line);
        }
        self.code_arith(op, e1, e2, line)
    }

    /// `e1 .. e2`: consecutive concatenations merge into one `Concat`.
    fn code_concat(&mut self, e1: &mut ExpDesc, e2: &ExpDesc, line: u32) {
        let first = e1.nonreloc().unwrap_or_default() as Reg;
        if let Some(Op::Concat { a, n }) = self.previous_instruction() {
            *a = first;
            *n += 1;
            self.free_exp(e2);
        } else {
            self.emit(Op::Concat { a: first, n: 2 });
            self.free_exp(e2);
            self.fix_line(line);
        }
    }

    /// `<` (or `<=` when `or_equal`), with an immediate operand when one
    /// side is a small number.
    fn code_order(&mut self, or_equal: bool, e1: &mut ExpDesc, mut e2: ExpDesc) -> CResult<()> {
        let test = if let Some((imm, is_float)) = e2.comparison_immediate() {
            let a = self.exp_to_any_reg(e1)? as Reg;
            if or_equal {
                Op::LeI {
                    a,
                    imm,
                    is_float,
                    k: true,
                }
            } else {
                Op::LtI {
                    a,
                    imm,
                    is_float,
                    k: true,
                }
            }
        } else if let Some((imm, is_float)) = e1.comparison_immediate() {
            // `imm < x` is `x > imm`.
            let a = self.exp_to_any_reg(&mut e2)? as Reg;
            if or_equal {
                Op::GeI {
                    a,
                    imm,
                    is_float,
                    k: true,
                }
            } else {
                Op::GtI {
                    a,
                    imm,
                    is_float,
                    k: true,
                }
            }
        } else {
            let a = self.exp_to_any_reg(e1)? as Reg;
            let b = self.exp_to_any_reg(&mut e2)? as Reg;
            if or_equal {
                Op::Le { a, b, k: true }
            } else {
                Op::Lt { a, b, k: true }
            }
        };
        self.free_exps(e1, &e2);
        *e1 = ExpDesc::new(ExpKind::Jmp(self.cond_jump(test)));
        Ok(())
    }

    /// `==` (`equal`) or `~=`, with an immediate or constant operand when
    /// one side is a literal.
    fn code_eq(&mut self, equal: bool, e1: &mut ExpDesc, mut e2: ExpDesc) -> CResult<()> {
        if e1.nonreloc().is_none() {
            // The first operand is a literal: compare the other one to it.
            std::mem::swap(e1, &mut e2);
        }
        let a = self.exp_to_any_reg(e1)? as Reg;
        let test = if let Some((imm, is_float)) = e2.comparison_immediate() {
            Op::EqI {
                a,
                imm,
                is_float,
                k: equal,
            }
        } else {
            match self.exp_to_rk(&mut e2)? {
                RK::Const(b) => Op::EqK { a, b, k: equal },
                RK::Reg(b) => Op::Eq { a, b, k: equal },
            }
        };
        self.free_exps(e1, &e2);
        *e1 = ExpDesc::new(ExpKind::Jmp(self.cond_jump(test)));
        Ok(())
    }
}
