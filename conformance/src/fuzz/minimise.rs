//! Reducing a failing program while it keeps failing the same way.
//!
//! Two phases, both driven by a caller-supplied test ("does this candidate
//! still show the finding?"):
//!
//! 1. delta debugging over the top-level statements: remove chunks of half,
//!    a quarter, ... of them, keeping every removal that preserves the
//!    finding;
//! 2. greedy structural reduction to a fixpoint: every single edit of the
//!    tree (drop a statement anywhere, replace a compound statement by its
//!    body, replace an expression by one of its operands or by `nil`, drop a
//!    call argument or a table field) is tried in pre-order and kept when the
//!    finding persists.
//!
//! Candidates that break the program (a `break` hoisted out of its loop, a
//! `return` no longer last) simply fail to compile in both interpreters,
//! which is no longer a difference, so they are rejected by the test.

use super::ast::{Block, Expr, LoopKind, Program, Stmt, TableField};

/// Limits on how much work a minimisation may do.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Maximum number of candidate programs tested.
    pub tests: usize,
}

/// Reduces `program` as long as `still_fails` holds; returns the smallest
/// program found and the number of candidates tested.
pub fn minimise(
    program: &Program,
    budget: Budget,
    mut still_fails: impl FnMut(&Program) -> bool,
) -> (Program, usize) {
    let mut best = program.clone();
    let mut tests = 0;
    // Phase 1: chunks of top-level statements.
    let mut chunk = best.body.len() / 2;
    while chunk >= 1 && tests < budget.tests {
        let mut start = 0;
        while start < best.body.len() && tests < budget.tests {
            let end = (start + chunk).min(best.body.len());
            let mut candidate = best.clone();
            candidate.body.drain(start..end);
            tests += 1;
            if still_fails(&candidate) {
                best = candidate;
            } else {
                start = end;
            }
        }
        chunk /= 2;
    }
    // Phase 2: single edits to a fixpoint.
    loop {
        let mut changed = false;
        let mut k = 0;
        while k < count_edits(&best) && tests < budget.tests {
            let mut candidate = best.clone();
            apply_edit(&mut candidate, k);
            if candidate == best {
                k += 1;
                continue;
            }
            tests += 1;
            if still_fails(&candidate) {
                best = candidate;
                changed = true;
            } else {
                k += 1;
            }
        }
        if !changed || tests >= budget.tests {
            break;
        }
    }
    (best, tests)
}

/// How many single edits [`apply_edit`] can make on `program`.
pub fn count_edits(program: &Program) -> usize {
    let mut copy = program.clone();
    let mut editor = Editor {
        target: usize::MAX,
        seen: 0,
    };
    editor.block(&mut copy.body);
    editor.seen
}

/// Applies edit number `k` (in pre-order) to `program`.
pub fn apply_edit(program: &mut Program, k: usize) {
    let mut editor = Editor { target: k, seen: 0 };
    editor.block(&mut program.body);
}

/// Walks the tree counting edit opportunities; applies the one numbered
/// `target` and stops.
struct Editor {
    target: usize,
    seen: usize,
}

impl Editor {
    fn done(&self) -> bool {
        self.seen > self.target
    }

    /// Counts one opportunity; true when it is the one to apply.
    fn hit(&mut self) -> bool {
        let hit = self.seen == self.target;
        self.seen += 1;
        hit
    }

    fn block(&mut self, block: &mut Block) {
        let mut i = 0;
        while i < block.len() && !self.done() {
            if self.hit() {
                block.remove(i);
                return;
            }
            for inner in bodies(&block[i]) {
                if self.hit() {
                    block.splice(i..=i, inner);
                    return;
                }
            }
            self.stmt(&mut block[i]);
            i += 1;
        }
    }

    /// Edits of a list of expressions that must keep at least `min` items.
    fn list(&mut self, exprs: &mut Vec<Expr>, min: usize) {
        let mut i = 0;
        while i < exprs.len() && !self.done() {
            if exprs.len() > min && self.hit() {
                exprs.remove(i);
                return;
            }
            self.expr(&mut exprs[i]);
            i += 1;
        }
    }

    fn stmt(&mut self, stmt: &mut Stmt) {
        match stmt {
            Stmt::Local { values, .. } => self.list(values, 0),
            Stmt::Assign { targets, values } => {
                for t in targets.iter_mut() {
                    self.expr_children(t);
                }
                self.list(values, 1);
            }
            Stmt::Call(e) => self.expr_children(e),
            Stmt::If { arms, otherwise } => {
                if arms.len() > 1 {
                    for i in 0..arms.len() {
                        if self.hit() {
                            arms.remove(i);
                            return;
                        }
                    }
                }
                if otherwise.is_some() && self.hit() {
                    *otherwise = None;
                    return;
                }
                for (cond, body) in arms.iter_mut() {
                    self.expr(cond);
                    self.block(body);
                }
                if let Some(body) = otherwise {
                    self.block(body);
                }
            }
            Stmt::Loop { kind, body, .. } => {
                match &mut **kind {
                    LoopKind::While(c) | LoopKind::Repeat(c) => self.expr(c),
                    LoopKind::Numeric {
                        start, stop, step, ..
                    } => {
                        self.expr(start);
                        self.expr(stop);
                        if step.is_some() && self.hit() {
                            *step = None;
                            return;
                        }
                        if let Some(s) = step {
                            self.expr(s);
                        }
                    }
                    LoopKind::Generic { exprs, .. } => self.list(exprs, 1),
                }
                self.block(body);
            }
            Stmt::Do(body) => self.block(body),
            Stmt::LocalFunction { func, .. } => self.block(&mut func.body),
            Stmt::Return(values) => self.list(values, 0),
            Stmt::Break | Stmt::Goto(_) | Stmt::Label(_) => {}
        }
    }

    /// Edits of an expression itself (replace it), then of its children.
    fn expr(&mut self, e: &mut Expr) {
        if self.done() {
            return;
        }
        if !matches!(e, Expr::Lit(s) if s == "nil") && self.hit() {
            *e = Expr::Lit("nil".into());
            return;
        }
        let children = operands(e);
        for child in children {
            if self.hit() {
                *e = child;
                return;
            }
        }
        self.expr_children(e);
    }

    /// Edits inside an expression, keeping its root.
    fn expr_children(&mut self, e: &mut Expr) {
        if self.done() {
            return;
        }
        match e {
            Expr::Lit(_) | Expr::Name(_) | Expr::Vararg => {}
            Expr::Unary(_, x) | Expr::Paren(x) | Expr::Field(x, _) => self.expr(x),
            Expr::Binary(_, a, b) | Expr::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            Expr::Call(f, args) => {
                self.expr_children(f);
                self.list(args, 0);
            }
            Expr::Method(obj, _, args) => {
                self.expr(obj);
                self.list(args, 0);
            }
            Expr::Table(fields) => {
                let mut i = 0;
                while i < fields.len() && !self.done() {
                    if self.hit() {
                        fields.remove(i);
                        return;
                    }
                    match &mut fields[i] {
                        TableField::Positional(v) | TableField::Named(_, v) => self.expr(v),
                        TableField::Keyed(k, v) => {
                            self.expr(k);
                            self.expr(v);
                        }
                    }
                    i += 1;
                }
            }
            Expr::Function(func) => self.block(&mut func.body),
        }
    }
}

/// The blocks a compound statement could be replaced by.
fn bodies(stmt: &Stmt) -> Vec<Block> {
    match stmt {
        Stmt::If { arms, otherwise } => arms
            .iter()
            .map(|(_, b)| b.clone())
            .chain(otherwise.iter().cloned())
            .collect(),
        Stmt::Loop { body, .. } | Stmt::Do(body) => vec![body.clone()],
        _ => Vec::new(),
    }
}

/// The sub-expressions an expression could be replaced by.
fn operands(e: &Expr) -> Vec<Expr> {
    match e {
        Expr::Unary(_, x) | Expr::Paren(x) => vec![(**x).clone()],
        Expr::Binary(_, a, b) => vec![(**a).clone(), (**b).clone()],
        Expr::Call(_, args) => args.clone(),
        Expr::Method(obj, _, args) => std::iter::once((**obj).clone())
            .chain(args.iter().cloned())
            .collect(),
        Expr::Index(obj, key) => vec![(**obj).clone(), (**key).clone()],
        Expr::Field(obj, _) => vec![(**obj).clone()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzz::generate::{Size, generate};

    #[test]
    fn edits_are_numbered_consistently() {
        let p = generate(5, Size::SMALL);
        let n = count_edits(&p);
        assert!(n > 10);
        for k in 0..n {
            let mut q = p.clone();
            apply_edit(&mut q, k);
            assert_ne!(q, p, "edit {k} changed nothing");
        }
        let mut q = p.clone();
        apply_edit(&mut q, n);
        assert_eq!(q, p, "edits past the count change nothing");
    }

    #[test]
    fn reduces_to_the_statement_that_matters() {
        // A program "fails" while its text contains `needle`: the minimiser
        // must strip everything else.
        let p = generate(11, Size::NORMAL);
        let text = p.render();
        let needle = "string.";
        assert!(text.contains(needle));
        let (small, tests) = minimise(&p, Budget { tests: 20_000 }, |c| {
            c.render().contains(needle)
        });
        assert!(tests > 0);
        assert!(small.render().contains(needle));
        assert!(small.body.len() <= 2, "left {:?}", small.body);
        assert!(small.render().len() < text.len());
    }
}
