//! Scopes: local variables and their registers, blocks, labels and `goto`,
//! and the resolution of names to locals, upvalues or globals.

use super::code::FuncState;
use super::exp::{ExpDesc, ExpKind};
use super::{CResult, Compiler};
use crate::ast::{Name, Pos};
use crate::bytecode::{Constant, LocalVar, Op, Reg, UpvalDesc, VarKind};

/// Locals per function (PUC's `MAXVARS`).
const MAX_VARS: usize = 200;
/// Upvalues per function (PUC's `MAXUPVAL`).
const MAX_UPVALUES: usize = 255;
/// PUC's limit on the debug entries of local variables of a function, and
/// on the labels and pending gotos of all the functions being compiled
/// (`SHRT_MAX`, the limit of the arrays that hold them).
const MAX_DEBUG_ENTRIES: usize = 32767;
/// The name of the pseudo-label `break` jumps to.
pub(super) const BREAK_LABEL: &[u8] = b"break";

/// A declared local variable.
#[derive(Clone, Debug)]
pub(super) struct VarDesc {
    pub name: Name,
    pub kind: VarKind,
    /// Its register (unused for compile-time constants).
    pub reg: usize,
    /// Its entry in `Proto::locals` (unused for compile-time constants).
    pub debug_index: usize,
    /// The value of a compile-time constant.
    pub value: Option<Constant>,
}

/// An open block (PUC's `BlockCnt`).
#[derive(Clone, Copy, Debug)]
pub(super) struct BlockScope {
    /// Active locals outside the block.
    pub n_active: usize,
    pub first_label: usize,
    pub first_goto: usize,
    /// Some local of the block is captured or to-be-closed: leaving the
    /// block must close upvalues.
    pub has_upval: bool,
    pub is_loop: bool,
    /// Inside the scope of a to-be-closed variable (no tail calls then).
    pub inside_tbc: bool,
}

/// A label, or a pending `goto` (`break` is a `goto` to `BREAK_LABEL`).
#[derive(Clone, Debug)]
pub(super) struct LabelDesc {
    pub name: Name,
    pub line: u32,
    /// The label's position, or the goto's jump (list).
    pub pc: usize,
    /// Active locals at that point.
    pub n_active: usize,
    /// A goto that leaves the scope of a captured local.
    pub close: bool,
}

impl FuncState {
    // ---- locals ------------------------------------------------------------

    /// Declares a local; it is not in scope until `adjust_local_vars`.
    pub fn new_local_var(&mut self, name: &[u8]) -> CResult<usize> {
        if self.vars.len() + 1 > MAX_VARS {
            // The parser counts locals as PUC does and stops at the same
            // declaration, where PUC reports it (`near` the token after
            // the name): this error is only a guard and always yields to
            // the parser's.
            let error = self.limit_error(MAX_VARS, "local variables");
            return Err(super::CompileError {
                pos: Pos::MAX,
                ..error
            });
        }
        self.vars.push(VarDesc {
            name: Box::from(name),
            kind: VarKind::Regular,
            reg: 0,
            debug_index: 0,
            value: None,
        });
        Ok(self.vars.len() - 1)
    }

    /// The register level above the first `n_vars` locals: one past the
    /// register of the last of them that has one.
    pub fn reg_level(&self, n_vars: usize) -> usize {
        self.vars[..n_vars.min(self.vars.len())]
            .iter()
            .rev()
            .find(|var| var.kind != VarKind::CompileTimeConst)
            .map_or(0, |var| var.reg + 1)
    }

    /// Registers held by the active locals.
    pub fn nvarstack(&self) -> usize {
        self.reg_level(self.n_active)
    }

    /// Brings the next `n` declared locals into scope, in registers from
    /// the current level up, with debug information from here on.
    pub fn adjust_local_vars(&mut self, n: usize) -> CResult<()> {
        let first_reg = self.nvarstack();
        for reg in first_reg..first_reg + n {
            let entries = self.proto.locals.len() + 1;
            self.check_array_limit(entries, MAX_DEBUG_ENTRIES, "local variables")?;
            let vidx = self.n_active;
            self.n_active += 1;
            let start_pc = self.pc() as u32;
            let var = &mut self.vars[vidx];
            var.reg = reg;
            var.debug_index = self.proto.locals.len();
            self.proto.locals.push(LocalVar {
                name: var.name.clone(),
                start_pc,
                end_pc: 0,
            });
        }
        Ok(())
    }

    /// Ends the scope of the locals above `level` (their debug ranges end
    /// here). Their descriptions stay until the block is left: pending
    /// gotos still look at their registers.
    fn remove_vars(&mut self, level: usize) {
        let pc = self.pc() as u32;
        while self.n_active > level {
            self.n_active -= 1;
            let var = &self.vars[self.n_active];
            if var.kind != VarKind::CompileTimeConst {
                self.proto.locals[var.debug_index].end_pc = pc;
            }
        }
    }

    /// The active local called `name`, innermost first.
    fn search_var(&self, name: &[u8]) -> Option<usize> {
        (0..self.n_active)
            .rev()
            .find(|&i| *self.vars[i].name == *name)
    }

    fn search_upvalue(&self, name: &[u8]) -> Option<usize> {
        self.proto
            .upvalues
            .iter()
            .position(|up| up.name.as_deref() == Some(name))
    }

    /// Marks the block declaring local `vidx` as having a captured local.
    fn mark_upval(&mut self, vidx: usize) {
        if let Some(block) = self.blocks.iter_mut().rev().find(|b| b.n_active <= vidx) {
            block.has_upval = true;
        }
        self.needs_close = true;
    }

    /// The current block has a to-be-closed variable.
    pub fn mark_to_be_closed(&mut self) {
        if let Some(block) = self.blocks.last_mut() {
            block.has_upval = true;
            block.inside_tbc = true;
        }
        self.needs_close = true;
    }

    pub fn inside_tbc(&self) -> bool {
        self.blocks.last().is_some_and(|b| b.inside_tbc)
    }

    fn new_upvalue(
        &mut self,
        name: &[u8],
        in_stack: bool,
        index: usize,
        kind: VarKind,
    ) -> CResult<usize> {
        if self.proto.upvalues.len() + 1 > MAX_UPVALUES {
            return Err(self.limit_error(MAX_UPVALUES, "upvalues"));
        }
        self.proto.upvalues.push(UpvalDesc {
            name: Some(Box::from(name)),
            in_stack,
            index: index as u8,
            kind,
        });
        Ok(self.proto.upvalues.len() - 1)
    }

    // ---- blocks ---------------------------------------------------------------

    pub fn enter_block(&mut self, is_loop: bool) {
        let inside_tbc = self.inside_tbc();
        self.blocks.push(BlockScope {
            n_active: self.n_active,
            first_label: self.labels.len(),
            first_goto: self.pending_gotos.len(),
            has_upval: false,
            is_loop,
            inside_tbc,
        });
    }

    /// Leaves the current block: ends its locals, resolves `break`s of a
    /// loop, closes captured locals, and hands pending gotos to the
    /// enclosing block. Leaving a function's outermost block with gotos
    /// still pending is an error (at the current token).
    /// Returns the block that was left.
    pub fn leave_block(&mut self) -> CResult<BlockScope> {
        let Some(&block) = self.blocks.last() else {
            return Err(self.error("internal error: no block to leave"));
        };
        let stack_level = self.reg_level(block.n_active);
        self.remove_vars(block.n_active);
        let mut closed = false;
        if block.is_loop {
            closed = self.create_label(BREAK_LABEL, 0, false)?;
        }
        let is_nested = self.blocks.len() > 1;
        if !closed && is_nested && block.has_upval {
            self.emit(Op::Close {
                a: stack_level as Reg,
            });
        }
        self.free_reg = stack_level;
        self.labels.truncate(block.first_label);
        self.blocks.pop();
        if is_nested {
            self.move_gotos_out(&block);
        } else if let Some(goto) = self.pending_gotos.get(block.first_goto) {
            let message = if *goto.name == *BREAK_LABEL {
                format!("break outside loop at line {}", goto.line).into_bytes()
            } else {
                concat_bytes(&[
                    b"no visible label '",
                    &goto.name,
                    format!("' for <goto> at line {}", goto.line).as_bytes(),
                ])
            };
            return Err(self.semantic_error(message));
        }
        self.vars.truncate(self.n_active);
        Ok(block)
    }

    /// Pending gotos of a block that was left now belong to the enclosing
    /// block; those that leave the scope of a captured local must close it.
    fn move_gotos_out(&mut self, block: &BlockScope) {
        let block_level = self.reg_level(block.n_active);
        for i in block.first_goto..self.pending_gotos.len() {
            let goto_level = self.reg_level(self.pending_gotos[i].n_active);
            let goto = &mut self.pending_gotos[i];
            if goto_level > block_level {
                goto.close |= block.has_upval;
            }
            goto.n_active = block.n_active;
        }
    }

    // ---- labels and gotos -------------------------------------------------------

    /// A visible label called `name`.
    pub fn find_label(&self, name: &[u8]) -> Option<&LabelDesc> {
        self.labels.iter().find(|label| *label.name == *name)
    }

    /// A forward `goto` (or `break`) whose jump list is `pc`.
    pub fn new_goto(&mut self, name: &[u8], line: u32, pc: usize) -> CResult<()> {
        let entries = self.outer_gotos + self.pending_gotos.len() + 1;
        self.check_array_limit(entries, MAX_DEBUG_ENTRIES, "labels/gotos")?;
        self.pending_gotos.push(LabelDesc {
            name: Box::from(name),
            line,
            pc,
            n_active: self.n_active,
            close: false,
        });
        Ok(())
    }

    /// Defines a label here. `last`: only void statements follow it in its
    /// block, so the block's locals are already out of scope for gotos.
    /// Resolves pending gotos to it; returns whether it emitted a `Close`
    /// for gotos leaving the scope of captured locals.
    pub fn create_label(&mut self, name: &[u8], line: u32, last: bool) -> CResult<bool> {
        let entries = self.outer_labels + self.labels.len() + 1;
        self.check_array_limit(entries, MAX_DEBUG_ENTRIES, "labels/gotos")?;
        let pc = self.get_label();
        let n_active = match self.blocks.last() {
            Some(block) if last => block.n_active,
            _ => self.n_active,
        };
        let label = LabelDesc {
            name: Box::from(name),
            line,
            pc,
            n_active,
            close: false,
        };
        let needs_close = self.solve_gotos(&label)?;
        self.labels.push(label);
        if needs_close {
            let level = self.nvarstack();
            self.emit(Op::Close { a: level as Reg });
        }
        Ok(needs_close)
    }

    /// Resolves the current block's pending gotos to `label`.
    fn solve_gotos(&mut self, label: &LabelDesc) -> CResult<bool> {
        let first = self.blocks.last().map_or(0, |b| b.first_goto);
        let mut needs_close = false;
        let mut i = first;
        while i < self.pending_gotos.len() {
            if self.pending_gotos[i].name != label.name {
                i += 1;
                continue;
            }
            let goto = self.pending_gotos.remove(i);
            needs_close |= goto.close;
            if goto.n_active < label.n_active {
                let message = concat_bytes(&[
                    b"<goto ",
                    &goto.name,
                    format!("> at line {} jumps into the scope of local '", goto.line).as_bytes(),
                    &self.vars[goto.n_active].name,
                    b"'",
                ]);
                return Err(self.semantic_error(message));
            }
            self.patch_list(goto.pc, label.pc)?;
        }
        Ok(needs_close)
    }
}

impl Compiler<'_> {
    /// Resolves `name` to a local, upvalue or compile-time constant of the
    /// current function (creating upvalues through the enclosing functions
    /// as needed), or `Void` for a global.
    fn resolve(&mut self, name: &[u8]) -> CResult<ExpDesc> {
        let current = self.enclosing.len();
        let mut level = current;
        // Where the name was found: (in_stack, index, kind) as an upvalue
        // of the function one level inside would see it.
        let found = loop {
            let fs = self.level_mut(level);
            if let Some(vidx) = fs.search_var(name) {
                let var = &fs.vars[vidx];
                let (reg, kind) = (var.reg, var.kind);
                if kind == VarKind::CompileTimeConst
                    && let Some(value) = &var.value
                {
                    return Ok(ExpDesc::new(ExpKind::CompileTimeConst {
                        value: value.clone(),
                        name: var.name.clone(),
                    }));
                }
                if level == current {
                    return Ok(ExpDesc::new(ExpKind::Local { reg, vidx }));
                }
                fs.mark_upval(vidx);
                break (true, reg, kind);
            }
            if let Some(index) = fs.search_upvalue(name) {
                if level == current {
                    return Ok(ExpDesc::new(ExpKind::Upval(index)));
                }
                break (false, index, fs.proto.upvalues[index].kind);
            }
            if level == 0 {
                return Ok(ExpDesc::void());
            }
            level -= 1;
        };
        let (mut in_stack, mut index, kind) = found;
        for inner in level + 1..=current {
            index = self
                .level_mut(inner)
                .new_upvalue(name, in_stack, index, kind)?;
            in_stack = false;
        }
        Ok(ExpDesc::new(ExpKind::Upval(index)))
    }

    /// A variable named `name`: local, upvalue, or `_ENV.name`.
    pub(super) fn single_var(&mut self, name: &[u8]) -> CResult<ExpDesc> {
        let var = self.resolve(name)?;
        if var.kind != ExpKind::Void {
            return Ok(var);
        }
        let mut env = self.resolve(b"_ENV")?;
        if env.kind == ExpKind::Void {
            return Err(self.fs.error("internal error: no _ENV"));
        }
        self.fs.exp_to_any_reg_up(&mut env)?;
        let mut key = ExpDesc::new(ExpKind::Str(Box::from(name)));
        self.fs.indexed(&mut env, &mut key)?;
        Ok(env)
    }

    /// Refuses assignment to `<const>` and `<close>` variables.
    pub(super) fn check_read_only(&self, var: &ExpDesc) -> CResult<()> {
        let name = match &var.kind {
            ExpKind::CompileTimeConst { name, .. } => Some(&name[..]),
            ExpKind::Local { vidx, .. } => self.fs.read_only_local(*vidx),
            ExpKind::Upval(index) => self
                .fs
                .proto
                .upvalues
                .get(*index)
                .filter(|up| up.kind != VarKind::Regular)
                .and_then(|up| up.name.as_deref()),
            _ => None,
        };
        match name {
            Some(name) => Err(self.fs.semantic_error(concat_bytes(&[
                b"attempt to assign to const variable '",
                name,
                b"'",
            ]))),
            None => Ok(()),
        }
    }
}

/// Error messages are bytes: names need not be UTF-8.
pub(super) fn concat_bytes(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}
