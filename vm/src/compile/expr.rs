//! Walking expressions of the AST into descriptors.
//!
//! Chains that the parser builds with loops — `a + b + c ...` (left
//! operands) and `a.b(c):d()[e]...` (suffixes) — can be arbitrarily long,
//! so they are walked with loops too: only nesting that the parser bounds
//! (parentheses, right operands, arguments, function bodies) recurses.

use std::rc::Rc;

use super::exp::{ExpDesc, ExpKind};
use super::{CResult, Compiler};
use crate::ast::{Expr, ExprKind, FuncBody, Name, Pos, TableField};
use crate::bytecode::{Op, Reg};

/// Functions defined in one function (PUC's `MAXARG_Bx`).
const MAX_FUNCTIONS: usize = (1 << 17) - 1;

/// Array items stored per `SetList` (PUC's `LFIELDS_PER_FLUSH`).
const FIELDS_PER_FLUSH: usize = 50;

/// The state of a table constructor being compiled (PUC's `ConsControl`).
struct Constructor {
    /// The register of the table.
    table: usize,
    /// The last array item, not yet stored in a register.
    pending: ExpDesc,
    /// Hash items so far.
    hash_items: usize,
    /// Array items already stored in the table.
    stored: i64,
    /// Array items waiting in registers.
    to_store: usize,
}

impl Compiler<'_> {
    /// Compiles `e` into a descriptor (no code yet for what can wait).
    pub(super) fn expr(&mut self, e: &Expr) -> CResult<ExpDesc> {
        match &e.kind {
            ExprKind::Binary { .. } => self.binary_chain(e),
            ExprKind::Index { .. } | ExprKind::Call { .. } | ExprKind::MethodCall { .. } => {
                self.suffixed(e)
            }
            ExprKind::Unary { op, operand, .. } => {
                let mut v = self.expr(operand)?;
                self.at(e.end);
                self.fs.prefix(*op, &mut v, e.line)?;
                Ok(v)
            }
            ExprKind::Function(body) => self.function(body, false, body.line),
            ExprKind::Table(fields) => self.table(fields, e),
            _ => self.primary(e),
        }
    }

    /// Leaves, names and parenthesised expressions.
    fn primary(&mut self, e: &Expr) -> CResult<ExpDesc> {
        if let ExprKind::Vararg = e.kind {
            return self.vararg(e);
        }
        if !matches!(e.kind, ExprKind::Paren(_)) {
            self.at(e.end);
        }
        let kind = match &e.kind {
            ExprKind::Nil => ExpKind::Nil,
            ExprKind::True => ExpKind::True,
            ExprKind::False => ExpKind::False,
            ExprKind::Integer(i) => ExpKind::Int(*i),
            ExprKind::Number(n) => ExpKind::Float(*n),
            ExprKind::String(s) => ExpKind::Str(s.clone()),
            ExprKind::Name(name) => return self.single_var(name),
            ExprKind::Paren(inner) => {
                let mut v = self.expr(inner)?;
                self.at(e.end);
                self.fs.discharge_vars(&mut v);
                return Ok(v);
            }
            _ => return self.expr(e),
        };
        Ok(ExpDesc::new(kind))
    }

    /// `...`: PUC emits its instruction before consuming the token, so it
    /// carries the line of the token before.
    fn vararg(&mut self, e: &Expr) -> CResult<ExpDesc> {
        self.at(e.start);
        if !self.fs.proto.is_vararg {
            // The parser refuses this first.
            return Err(self.fs.error("cannot use '...' outside a vararg function"));
        }
        let pc = self.fs.emit(Op::VarArg { a: 0, c: 1 });
        self.at(e.end);
        Ok(ExpDesc::new(ExpKind::Vararg(pc)))
    }

    /// A chain of binary operators, walked down its left operands.
    fn binary_chain(&mut self, e: &Expr) -> CResult<ExpDesc> {
        let mut operators = Vec::new();
        let mut first = e;
        while let ExprKind::Binary { lhs, .. } = &first.kind {
            operators.push(first);
            first = lhs;
        }
        let mut v = self.expr(first)?;
        for node in operators.into_iter().rev() {
            let ExprKind::Binary { op, rhs, .. } = &node.kind else {
                continue;
            };
            self.at(rhs.start);
            self.fs.infix(*op, &mut v)?;
            let v2 = self.expr(rhs)?;
            self.at(node.end);
            self.fs.posfix(*op, &mut v, v2, node.line)?;
        }
        Ok(v)
    }

    /// A chain of suffixes (`.k`, `[k]`, `(args)`, `:m(args)`), walked
    /// down to its first expression.
    fn suffixed(&mut self, e: &Expr) -> CResult<ExpDesc> {
        let mut suffixes = Vec::new();
        let mut base = e;
        loop {
            match &base.kind {
                ExprKind::Index { obj, .. } | ExprKind::MethodCall { obj, .. } => {
                    suffixes.push(base);
                    base = obj;
                }
                ExprKind::Call { func, .. } => {
                    suffixes.push(base);
                    base = func;
                }
                _ => break,
            }
        }
        let mut v = self.primary(base)?;
        for node in suffixes.into_iter().rev() {
            match &node.kind {
                ExprKind::Index { obj, key } => {
                    self.at(obj.end); // the `.` or `[`
                    self.fs.exp_to_any_reg_up(&mut v)?;
                    let mut k = self.expr(key)?;
                    self.at(key.end); // the `]` (or what follows the name)
                    self.fs.exp_to_val(&mut k)?;
                    self.at(node.end);
                    self.fs.indexed(&mut v, &mut k)?;
                }
                ExprKind::Call { func, args } => {
                    self.at(func.end);
                    self.fs.exp_to_next_reg(&mut v)?;
                    self.call_args(&mut v, args, node)?;
                }
                ExprKind::MethodCall {
                    obj, method, args, ..
                } => {
                    // After `:` and the name: at the arguments.
                    self.at(obj.end + 2);
                    let mut key = ExpDesc::new(ExpKind::Str(method.clone()));
                    self.fs.self_op(&mut v, &mut key)?;
                    self.call_args(&mut v, args, node)?;
                }
                _ => {}
            }
        }
        Ok(v)
    }

    /// The arguments and the `Call` of `f(args)` (the call expression is
    /// `call`); `f` is in its register.
    fn call_args(&mut self, f: &mut ExpDesc, args: &[Expr], call: &Expr) -> CResult<()> {
        let ExpKind::NonReloc(base) = f.kind else {
            return Err(self.fs.error("syntax error"));
        };
        let (_, mut last) = self.expr_list(args)?;
        let b = if last.has_multiple_results() {
            // Before the `)` is read.
            self.at(args.last().map_or(call.end, |arg| arg.end));
            self.fs.set_multiple_returns(&last)?;
            0
        } else {
            self.at(call.end);
            if last.kind != ExpKind::Void {
                self.fs.exp_to_next_reg(&mut last)?;
            }
            (self.fs.free_reg - base) as u8
        };
        self.at(call.end);
        let pc = self.fs.emit(Op::Call {
            a: base as Reg,
            b,
            c: 2,
        });
        self.fs.fix_line(call.line);
        self.fs.free_reg = base + 1;
        *f = ExpDesc::new(ExpKind::Call(pc));
        Ok(())
    }

    /// Compiles all expressions of a list but the last into consecutive
    /// registers (each when the next one starts, after its comma); returns
    /// their number and the last one's descriptor.
    pub(super) fn expr_list(&mut self, exprs: &[Expr]) -> CResult<(usize, ExpDesc)> {
        let Some(last) = exprs.last() else {
            return Ok((0, ExpDesc::void()));
        };
        for pair in exprs.windows(2) {
            let mut v = self.expr(&pair[0])?;
            self.at(pair[1].start);
            self.fs.exp_to_next_reg(&mut v)?;
        }
        Ok((exprs.len(), self.expr(last)?))
    }

    /// A table constructor (the expression `e`).
    fn table(&mut self, fields: &[TableField], e: &Expr) -> CResult<ExpDesc> {
        // PUC emits `NewTable` before it reads the `{`.
        self.at(e.start);
        let table = self.fs.free_reg;
        let new_table = self.fs.emit(Op::NewTable {
            a: table as Reg,
            array: 0,
            hash: 0,
        });
        self.fs.reserve_regs(1)?;
        let mut cons = Constructor {
            table,
            pending: ExpDesc::void(),
            hash_items: 0,
            stored: 0,
            to_store: 0,
        };
        for field in fields {
            match field {
                TableField::Keyed { start, key, value } => {
                    self.at(*start);
                    self.flush_list_item(&mut cons)?;
                    self.keyed_field(&mut cons, key, value)?;
                }
                TableField::Item(value) => {
                    self.at(value.start);
                    self.flush_list_item(&mut cons)?;
                    cons.pending = self.expr(value)?;
                    cons.to_store += 1;
                }
            }
        }
        self.at(e.end);
        self.last_list_items(&mut cons)?;
        if let Op::NewTable { array, hash, .. } = &mut self.fs.proto.code[new_table] {
            *array = cons.stored.max(0) as u32;
            *hash = cons.hash_items.min(u16::MAX as usize) as u16;
        }
        Ok(ExpDesc::new(ExpKind::NonReloc(table)))
    }

    /// `[key] = value` or `name = value` in a constructor.
    fn keyed_field(&mut self, cons: &mut Constructor, key: &Expr, value: &Expr) -> CResult<()> {
        let reg = self.fs.free_reg;
        let mut k = self.expr(key)?;
        self.at(key.end);
        self.fs.exp_to_val(&mut k)?;
        cons.hash_items += 1;
        let mut target = ExpDesc::new(ExpKind::NonReloc(cons.table));
        self.at(value.start); // after the `=`
        self.fs.indexed(&mut target, &mut k)?;
        let mut v = self.expr(value)?;
        self.at(value.end);
        self.fs.store_var(&target, &mut v)?;
        self.fs.free_reg = reg;
        Ok(())
    }

    /// Puts the previous array item in its register, storing a full batch.
    fn flush_list_item(&mut self, cons: &mut Constructor) -> CResult<()> {
        if cons.pending.kind == ExpKind::Void {
            return Ok(());
        }
        self.fs.exp_to_next_reg(&mut cons.pending)?;
        cons.pending = ExpDesc::void();
        if cons.to_store == FIELDS_PER_FLUSH {
            self.set_list(cons.table, cons.stored, cons.to_store as u8);
            cons.stored += cons.to_store as i64;
            cons.to_store = 0;
        }
        Ok(())
    }

    /// Stores the remaining array items; a last call or `...` contributes
    /// all its values.
    fn last_list_items(&mut self, cons: &mut Constructor) -> CResult<()> {
        if cons.to_store == 0 {
            return Ok(());
        }
        if cons.pending.has_multiple_results() {
            self.fs.set_multiple_returns(&cons.pending)?;
            self.set_list(cons.table, cons.stored, 0);
            // The count of its values is unknown. PUC sizes the array
            // without the call; counting it as one value saves the
            // reallocation in `SetList` for the common `{f(), g()}`.
        } else {
            if cons.pending.kind != ExpKind::Void {
                self.fs.exp_to_next_reg(&mut cons.pending)?;
            }
            self.set_list(cons.table, cons.stored, cons.to_store as u8);
        }
        cons.stored += cons.to_store as i64;
        Ok(())
    }

    /// `SetList` of `n` items (0: up to the top) after `stored` ones.
    fn set_list(&mut self, table: usize, stored: i64, n: u8) {
        self.fs.emit(Op::SetList {
            a: table as Reg,
            n,
            offset: stored.max(0) as u32,
        });
        self.fs.free_reg = table + 1;
    }

    /// A function body: compiles the nested function and emits the
    /// `Closure` that creates it (in the next free register).
    pub(super) fn function(
        &mut self,
        body: &FuncBody,
        is_method: bool,
        line: u32,
    ) -> CResult<ExpDesc> {
        // PUC makes room for the prototype before it reads the `(`.
        self.at(body.start);
        let count = self.fs.proto.protos.len() + 1;
        self.fs
            .check_array_limit(count, MAX_FUNCTIONS, "functions")?;
        self.open_function(line);
        if is_method {
            // After the `(`.
            self.at(body.start + 1);
            self.fs.new_local_var(b"self")?;
            self.fs.adjust_local_vars(1)?;
        }
        for param in &body.params {
            self.fs.new_local_var(param)?;
        }
        self.fs.adjust_local_vars(body.params.len())?;
        let num_params = self.fs.n_active;
        self.fs.proto.num_params = num_params as u8;
        self.at(body.params_end);
        if body.is_vararg {
            self.fs.set_vararg(num_params as u8);
        }
        self.fs.reserve_regs(num_params)?;
        self.statements(&body.block)?;
        self.fs.proto.last_line_defined = body.end_line;
        self.at(body.after_end);
        // PUC puts the closure in its register before it closes the
        // function (its unresolved `goto`s): a lack of registers comes first.
        if let Some(parent) = self.enclosing.last_mut() {
            parent.cursor = self.fs.cursor;
            parent.check_stack(1)?;
        }
        let proto = self.close_function()?;
        let index = self.fs.proto.protos.len() as u32;
        self.fs.proto.protos.push(Rc::new(proto));
        let mut e = ExpDesc::new(ExpKind::Reloc(
            self.fs.emit(Op::Closure { a: 0, proto: index }),
        ));
        self.fs.exp_to_next_reg(&mut e)?;
        Ok(e)
    }

    /// A string-keyed index: `v.name` (or `v:name`), where the `.` is at
    /// `dot` and the name ends at `end`.
    pub(super) fn field(
        &mut self,
        v: &mut ExpDesc,
        name: &Name,
        dot: Pos,
        end: Pos,
    ) -> CResult<()> {
        self.at(dot);
        self.fs.exp_to_any_reg_up(v)?;
        self.at(end);
        let mut key = ExpDesc::new(ExpKind::Str(name.clone()));
        self.fs.indexed(v, &mut key)
    }
}
