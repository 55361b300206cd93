//! Walking statements and blocks of the AST.

use super::code::{MAX_FOR_JUMP, NO_JUMP};
use super::exp::{ExpDesc, ExpKind};
use super::scope::BREAK_LABEL;
use super::{CResult, Compiler};
use crate::ast::{Attrib, Block, Expr, FuncBody, FuncName, Name, Pos, Return, Stat, StatKind};
use crate::bytecode::{Op, Reg, Target, VarKind};

/// The name of the hidden control variables of `for` loops.
const FOR_STATE: &[u8] = b"(for state)";

impl Compiler<'_> {
    /// The statements of `block` in the current scope.
    pub(super) fn statements(&mut self, block: &Block) -> CResult<()> {
        self.statements_from(block, 0)
    }

    /// `statements` from `block.stats[first]` on.
    fn statements_from(&mut self, block: &Block, first: usize) -> CResult<()> {
        let stats = &block.stats;
        let mut i = first;
        while i < stats.len() {
            if let StatKind::Label { .. } = stats[i].kind {
                i = self.label_run(stats, i)?;
            } else {
                self.statement(&stats[i])?;
                i += 1;
            }
        }
        if let Some(ret) = &block.ret {
            self.return_stat(ret)?;
            self.fs.free_reg = self.fs.nvarstack();
        }
        Ok(())
    }

    /// A block with its own scope, left at the token that ends it.
    fn block(&mut self, block: &Block) -> CResult<()> {
        self.fs.enter_block(false);
        self.statements(block)?;
        self.at(block.end);
        self.fs.leave_block()?;
        Ok(())
    }

    fn statement(&mut self, stat: &Stat) -> CResult<()> {
        match &stat.kind {
            StatKind::Call(call) => self.call_stat(call, stat.end)?,
            StatKind::Local { names, exprs, .. } => self.local_stat(names, exprs, stat.end)?,
            StatKind::Assign { targets, exprs, .. } => {
                self.assign_stat(targets, exprs, stat.end)?
            }
            StatKind::LocalFunction { name, func, .. } => self.local_function(name, func)?,
            StatKind::Function { name, func, .. } => self.function_stat(name, func, stat.line)?,
            StatKind::Do(body) => self.block(body)?,
            StatKind::While { cond, body, .. } => self.while_stat(cond, body, stat.end)?,
            StatKind::Repeat { body, cond, .. } => self.repeat_stat(body, cond)?,
            StatKind::If {
                branches,
                else_block,
                ..
            } => self.if_stat(branches, else_block.as_ref(), stat.end)?,
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                ..
            } => self.numeric_for(var, start, limit, step.as_ref(), body, stat)?,
            StatKind::GenericFor {
                names,
                exprs,
                exprs_line,
                body,
            } => self.generic_for(names, exprs, *exprs_line, body, stat.end)?,
            StatKind::Goto(name) => self.goto_stat(name, stat.line, stat.end)?,
            StatKind::Break => {
                self.at(stat.end);
                let jump = self.fs.jump();
                self.fs.new_goto(BREAK_LABEL, stat.line, jump)?;
            }
            // Handled by `label_run`.
            StatKind::Label { .. } => {}
        }
        self.fs.free_reg = self.fs.nvarstack();
        Ok(())
    }

    // ---- labels and gotos -----------------------------------------------

    /// Consecutive labels from `stats[first]`. PUC parses the labels (and
    /// `;`) after a label inside the label's statement, so it defines the
    /// last label of a run first, each one while the token after the whole
    /// run is current. Returns the index past the run.
    fn label_run(&mut self, stats: &[Stat], first: usize) -> CResult<usize> {
        let end = (first..stats.len())
            .find(|&i| !matches!(stats[i].kind, StatKind::Label { .. }))
            .unwrap_or(stats.len());
        for stat in stats[first..end].iter().rev() {
            let StatKind::Label { name, after, last } = &stat.kind else {
                continue;
            };
            self.at(*after);
            if let Some(previous) = self.fs.find_label(name) {
                let message = super::scope::concat_bytes(&[
                    b"label '",
                    name,
                    format!("' already defined on line {}", previous.line).as_bytes(),
                ]);
                return Err(self.fs.semantic_error(message));
            }
            self.fs.create_label(name, stat.line, *last)?;
        }
        Ok(end)
    }

    fn goto_stat(&mut self, name: &Name, line: u32, end: Pos) -> CResult<()> {
        self.at(end);
        if let Some(label) = self.fs.find_label(name) {
            // A backward jump: leaving the scope of locals closes them.
            let (label_pc, label_level) = (label.pc, self.fs.reg_level(label.n_active));
            if self.fs.nvarstack() > label_level {
                self.fs.emit(Op::Close {
                    a: label_level as Reg,
                });
            }
            let jump = self.fs.jump();
            self.fs.patch_list(jump, label_pc)
        } else {
            let jump = self.fs.jump();
            self.fs.new_goto(name, line, jump)?;
            Ok(())
        }
    }

    // ---- calls, assignments, locals --------------------------------------------

    /// A call statement, ending at `end`. (After a syntax error the parser
    /// keeps whatever expression it read: PUC generated its code.)
    fn call_stat(&mut self, call: &Expr, end: Pos) -> CResult<()> {
        let e = self.expr(call)?;
        self.at(end);
        match e.kind {
            ExpKind::Call(pc) => {
                if let Op::Call { c, .. } = &mut self.fs.proto.code[pc] {
                    *c = 1; // no results
                }
                Ok(())
            }
            _ => Err(self.fs.error("syntax error")),
        }
    }

    /// `t1, t2, ... = e1, e2, ...`. Targets are evaluated left to right,
    /// values stored right to left; a local assigned here that an earlier
    /// target uses as table or key is copied first (PUC's check_conflict).
    fn assign_stat(&mut self, targets: &[Expr], exprs: &[Expr], end: Pos) -> CResult<()> {
        let mut vars: Vec<ExpDesc> = Vec::with_capacity(targets.len());
        for target in targets {
            let var = self.expr(target)?;
            // At the `,` or `=` after the target.
            self.at(target.end);
            if !var.is_indexed() {
                self.check_conflict(&mut vars, &var)?;
            }
            if !var.is_variable() {
                return Err(self.fs.error("syntax error"));
            }
            self.check_read_only(&var)?;
            vars.push(var);
        }
        let (nexps, mut e) = self.expr_list(exprs)?;
        self.at(end);
        let Some((last, init)) = vars.split_last() else {
            return Ok(());
        };
        if nexps == targets.len() {
            self.fs.set_one_return(&mut e);
            self.fs.store_var(last, &mut e)?;
        } else {
            self.adjust_assign(targets.len(), nexps, e)?;
            let mut value = ExpDesc::new(ExpKind::NonReloc(self.fs.free_reg - 1));
            self.fs.store_var(last, &mut value)?;
        }
        for var in init.iter().rev() {
            let mut value = ExpDesc::new(ExpKind::NonReloc(self.fs.free_reg - 1));
            self.fs.store_var(var, &mut value)?;
        }
        Ok(())
    }

    /// If `var` (a local or upvalue about to be assigned) is the table or
    /// key of an earlier indexed target, that target uses a copy made now.
    fn check_conflict(&mut self, previous: &mut [ExpDesc], var: &ExpDesc) -> CResult<()> {
        let extra = self.fs.free_reg;
        let mut conflict = false;
        for target in previous.iter_mut() {
            match (&mut target.kind, &var.kind) {
                (ExpKind::IndexUp { table, key }, ExpKind::Upval(up)) if *table == *up => {
                    conflict = true;
                    target.kind = ExpKind::IndexStr {
                        table: extra,
                        key: *key,
                    };
                }
                (
                    ExpKind::IndexStr { table, .. } | ExpKind::IndexInt { table, .. },
                    ExpKind::Local { reg, .. },
                ) if *table == *reg => {
                    conflict = true;
                    *table = extra;
                }
                (ExpKind::Indexed { table, key }, ExpKind::Local { reg, .. }) => {
                    if *table == *reg {
                        conflict = true;
                        *table = extra;
                    }
                    if *key == *reg {
                        conflict = true;
                        *key = extra;
                    }
                }
                _ => {}
            }
        }
        if conflict {
            match var.kind {
                ExpKind::Local { reg, .. } => {
                    self.fs.emit(Op::Move {
                        a: extra as Reg,
                        b: reg as Reg,
                    });
                }
                ExpKind::Upval(index) => {
                    self.fs.emit(Op::GetUpval {
                        a: extra as Reg,
                        b: index as Reg,
                    });
                }
                _ => {}
            }
            self.fs.reserve_regs(1)?;
        }
        Ok(())
    }

    /// Adjusts `nexps` values (the last described by `e`) to `nvars`: a
    /// last call or `...` provides the missing ones, else they are nil;
    /// extra values are dropped.
    fn adjust_assign(&mut self, nvars: usize, nexps: usize, mut e: ExpDesc) -> CResult<()> {
        let needed = nvars as i64 - nexps as i64;
        if e.has_multiple_results() {
            let extra = (needed + 1).max(0);
            self.fs.set_returns(&e, extra as i32)?;
        } else {
            if e.kind != ExpKind::Void {
                self.fs.exp_to_next_reg(&mut e)?;
            }
            if needed > 0 {
                let free = self.fs.free_reg;
                self.fs.load_nil(free, needed as usize);
            }
        }
        if needed > 0 {
            self.fs.reserve_regs(needed as usize)?;
        } else {
            self.fs.free_reg = (self.fs.free_reg as i64 + needed) as usize;
        }
        Ok(())
    }

    /// `local names <attribs> = exprs`, ending at `end`.
    fn local_stat(&mut self, names: &[(Name, Attrib)], exprs: &[Expr], end: Pos) -> CResult<()> {
        // The parser checks the limits on names; errors of this compiler
        // about them come after the statement (and so after the parser's).
        self.at(end);
        if names.is_empty() {
            return Err(self.fs.error("syntax error"));
        }
        let mut to_close = None;
        let mut last_var = 0;
        for (i, (name, attrib)) in names.iter().enumerate() {
            let vidx = self.fs.new_local_var(name)?;
            self.fs.vars[vidx].kind = match attrib {
                Attrib::None => VarKind::Regular,
                Attrib::Const => VarKind::Const,
                Attrib::Close => {
                    if to_close.is_some() {
                        return Err(self
                            .fs
                            .semantic_error("multiple to-be-closed variables in local list"));
                    }
                    to_close = Some(self.fs.n_active + i);
                    VarKind::ToBeClosed
                }
            };
            last_var = vidx;
        }
        let nvars = names.len();
        let (nexps, e) = self.expr_list(exprs)?;
        self.at(end);
        let constant = (nvars == nexps && self.fs.vars[last_var].kind == VarKind::Const)
            .then(|| e.constant_value())
            .flatten();
        if let Some(value) = constant {
            // The last variable is a compile-time constant: no register.
            let var = &mut self.fs.vars[last_var];
            var.kind = VarKind::CompileTimeConst;
            var.value = Some(value);
            self.fs.adjust_local_vars(nvars - 1)?;
            self.fs.n_active += 1;
        } else {
            self.adjust_assign(nvars, nexps, e)?;
            self.fs.adjust_local_vars(nvars)?;
        }
        if let Some(level) = to_close {
            self.fs.mark_to_be_closed();
            let reg = self.fs.reg_level(level);
            self.fs.emit(Op::Tbc { a: reg as Reg });
        }
        Ok(())
    }

    /// `local function name body`: the local is in scope in its own body.
    fn local_function(&mut self, name: &Name, func: &FuncBody) -> CResult<()> {
        let vidx = self.fs.n_active;
        self.at(func.start); // after the name
        self.fs.new_local_var(name)?;
        self.fs.adjust_local_vars(1)?;
        self.function(func, false, func.line)?;
        // Debug information sees the variable only once it has its value.
        let debug_index = self.fs.vars[vidx].debug_index;
        self.fs.proto.locals[debug_index].start_pc = self.fs.pc() as u32;
        Ok(())
    }

    /// `function a.b.c:m() ... end`
    fn function_stat(&mut self, name: &FuncName, func: &FuncBody, line: u32) -> CResult<()> {
        self.at(name.base_end);
        let mut var = self.single_var(&name.base)?;
        let mut dot = name.base_end;
        for (field, _, end) in &name.fields {
            self.field(&mut var, field, dot, *end)?;
            dot = *end;
        }
        if let Some((method, end)) = &name.method {
            self.field(&mut var, method, dot, *end)?;
        }
        let mut closure = self.function(func, name.method.is_some() || func.is_method, line)?;
        // After the body's `end`.
        self.check_read_only(&var)?;
        self.fs.store_var(&var, &mut closure)?;
        self.fs.fix_line(line); // the definition "happens" on its first line
        Ok(())
    }

    fn return_stat(&mut self, ret: &Return) -> CResult<()> {
        let mut first = self.fs.nvarstack();
        let (count, mut e) = self.expr_list(&ret.exprs)?;
        self.at(ret.end);
        let nret = if e.has_multiple_results() {
            self.fs.set_multiple_returns(&e)?;
            if let ExpKind::Call(pc) = e.kind
                && count == 1
                && !self.fs.inside_tbc()
                && let Op::Call { a, b, .. } = self.fs.proto.code[pc]
            {
                self.fs.proto.code[pc] = Op::TailCall {
                    a,
                    b,
                    close: false,
                    nparams1: 0,
                };
            }
            -1
        } else {
            if count == 1 {
                first = self.fs.exp_to_any_reg(&mut e)?;
            } else if count > 1 {
                self.fs.exp_to_next_reg(&mut e)?;
            }
            count as i32
        };
        self.fs.ret(first, nret);
        Ok(())
    }

    // ---- control structures ------------------------------------------------------

    /// A loop or `if` condition: the jump list taken when it is false.
    /// PUC tests it once the token after it is read.
    fn condition(&mut self, cond: &Expr) -> CResult<usize> {
        let mut v = self.expr(cond)?;
        self.at(cond.end);
        if v.kind == ExpKind::Nil {
            v.kind = ExpKind::False; // all falses are equal here
        }
        self.fs.go_if_true(&mut v)?;
        Ok(v.f)
    }

    /// `while cond do body end`, ending at `end`.
    fn while_stat(&mut self, cond: &Expr, body: &Block, end: Pos) -> CResult<()> {
        let start = self.fs.get_label();
        let exit = self.condition(cond)?;
        self.fs.enter_block(true);
        self.block(body)?;
        // Still at the `end`.
        self.fs.jump_to(start)?;
        self.at(end);
        self.fs.leave_block()?;
        self.fs.patch_to_here(exit)
    }

    fn repeat_stat(&mut self, body: &Block, cond: &Expr) -> CResult<()> {
        let start = self.fs.get_label();
        self.fs.enter_block(true);
        self.fs.enter_block(false);
        self.statements(body)?;
        // The condition sees the body's locals; what follows happens after
        // it.
        let mut exit = self.condition(cond)?;
        let scope = self.fs.leave_block()?;
        if scope.has_upval {
            // Looping again must close the body's captured locals too.
            let normal_exit = self.fs.jump();
            self.fs.patch_to_here(exit)?;
            let level = self.fs.reg_level(scope.n_active);
            self.fs.emit(Op::Close { a: level as Reg });
            exit = self.fs.jump();
            self.fs.patch_to_here(normal_exit)?;
        }
        self.fs.patch_list(exit, start)?;
        self.fs.leave_block()?;
        Ok(())
    }

    /// `if ... end`, ending at `end`.
    fn if_stat(
        &mut self,
        branches: &[(Expr, Block)],
        else_block: Option<&Block>,
        end: Pos,
    ) -> CResult<()> {
        let mut escape = NO_JUMP;
        for (i, (cond, block)) in branches.iter().enumerate() {
            let more = i + 1 < branches.len() || else_block.is_some();
            self.test_then_block(cond, block, more, &mut escape)?;
        }
        if let Some(block) = else_block {
            self.block(block)?;
        }
        self.at(end);
        self.fs.patch_to_here(escape)
    }

    /// `[else]if cond then block`; `more`: an `elseif` or `else` follows,
    /// so the block must jump over it (the jump joins `escape`).
    fn test_then_block(
        &mut self,
        cond: &Expr,
        block: &Block,
        more: bool,
        escape: &mut usize,
    ) -> CResult<()> {
        let mut v = self.expr(cond)?;
        // PUC tests the condition after it reads `then`.
        self.at(block.start);
        let skip_block;
        let mut first = 0;
        match block.stats.first() {
            Some(Stat {
                kind: StatKind::Break,
                line,
                end,
                ..
            }) => {
                // `if cond then break`: the condition jumps out directly.
                self.fs.go_if_false(&mut v)?;
                self.at(*end);
                self.fs.enter_block(false);
                self.fs.new_goto(BREAK_LABEL, *line, v.t)?;
                // After the `break` and any `;` that follow it.
                let next = match block.stats.get(1) {
                    Some(stat) => stat.start,
                    None => block.ret.as_ref().map_or(block.end, |ret| ret.start),
                };
                self.at(next);
                if block.stats.len() == 1 && block.ret.is_none() {
                    self.fs.leave_block()?;
                    return Ok(());
                }
                skip_block = self.fs.jump();
                first = 1;
            }
            _ => {
                self.fs.go_if_true(&mut v)?;
                self.fs.enter_block(false);
                skip_block = v.f;
            }
        }
        self.statements_from(block, first)?;
        self.at(block.end);
        self.fs.leave_block()?;
        if more {
            let jump = self.fs.jump();
            self.fs.concat_jumps(escape, jump)?;
        }
        self.fs.patch_to_here(skip_block)
    }

    // ---- for loops ---------------------------------------------------------------

    fn numeric_for(
        &mut self,
        var: &Name,
        start: &Expr,
        limit: &Expr,
        step: Option<&Expr>,
        body: &Block,
        stat: &Stat,
    ) -> CResult<()> {
        self.fs.enter_block(true);
        let base = self.fs.free_reg;
        for _ in 0..3 {
            self.fs.new_local_var(FOR_STATE)?;
        }
        self.fs.new_local_var(var)?;
        self.expr_to_next_reg(start)?;
        self.expr_to_next_reg(limit)?;
        match step {
            Some(step) => self.expr_to_next_reg(step)?,
            None => {
                let free = self.fs.free_reg;
                self.fs.load_integer(free, 1);
                self.fs.reserve_regs(1)?;
            }
        }
        self.fs.adjust_local_vars(3)?;
        self.for_body(base, stat.line, 1, false, body)?;
        self.at(stat.end);
        self.fs.leave_block()?;
        Ok(())
    }

    fn generic_for(
        &mut self,
        names: &[Name],
        exprs: &[Expr],
        exprs_line: u32,
        body: &Block,
        end: Pos,
    ) -> CResult<()> {
        self.fs.enter_block(true);
        let base = self.fs.free_reg;
        for _ in 0..4 {
            self.fs.new_local_var(FOR_STATE)?;
        }
        for name in names {
            self.fs.new_local_var(name)?;
        }
        let (nexps, e) = self.expr_list(exprs)?;
        // At the `do`.
        self.at(exprs.last().map_or(body.start, |e| e.end));
        self.adjust_assign(4, nexps, e)?;
        self.fs.adjust_local_vars(4)?;
        self.fs.mark_to_be_closed(); // the 4th control value is closed
        self.fs.check_stack(3)?; // room to call the generator
        self.for_body(base, exprs_line, names.len(), true, body)?;
        self.at(end);
        self.fs.leave_block()?;
        Ok(())
    }

    /// An expression into the next register, once the token after it is
    /// read.
    fn expr_to_next_reg(&mut self, e: &Expr) -> CResult<()> {
        let mut v = self.expr(e)?;
        self.at(e.end);
        self.fs.exp_to_next_reg(&mut v)
    }

    /// The body of a `for` loop with `nvars` declared variables, between
    /// its prepare instruction (after the `do`) and its loop instructions
    /// (at the `end`, with `line`).
    fn for_body(
        &mut self,
        base: usize,
        line: u32,
        nvars: usize,
        generic: bool,
        body: &Block,
    ) -> CResult<()> {
        let a = base as Reg;
        self.at(body.start);
        let prep = self.fs.emit(if generic {
            Op::TForPrep { a, target: 0 }
        } else {
            Op::ForPrep { a, target: 0 }
        });
        self.fs.enter_block(false);
        self.fs.adjust_local_vars(nvars)?;
        self.fs.reserve_regs(nvars)?;
        self.block(body)?;
        self.fs.leave_block()?;
        let loop_start = self.fs.get_label();
        if loop_start - (prep + 1) > MAX_FOR_JUMP {
            return Err(self.fs.error("control structure too long"));
        }
        if generic {
            self.fs.emit(Op::TForCall { a, c: nvars as u8 });
            self.fs.fix_line(line);
        }
        let end = self.fs.pc();
        if end - prep > MAX_FOR_JUMP {
            return Err(self.fs.error("control structure too long"));
        }
        let body_start = (prep + 1) as Target;
        self.fs.emit(if generic {
            Op::TForLoop {
                a,
                target: body_start,
            }
        } else {
            Op::ForLoop {
                a,
                target: body_start,
            }
        });
        self.fs.fix_line(line);
        // The prepare instruction skips the loop (numeric) or enters it
        // at the generator call (generic).
        self.fs.proto.code[prep] = if generic {
            Op::TForPrep {
                a,
                target: loop_start as Target,
            }
        } else {
            Op::ForPrep {
                a,
                target: (end + 1) as Target,
            }
        };
        Ok(())
    }
}
