//! The abstract syntax tree produced by `parse` and consumed by `compile`.
//!
//! Names are not resolved here (the compiler decides local / upvalue /
//! global; the checks the parser does make are listed below).
//!
//! PUC Lua generates code while it parses, so what its code generator does
//! — the line of each instruction, and the line and `near` token of each
//! compile error — depends on which token is current at that moment. The
//! tree keeps that information as *positions*: a [`Pos`] is the index of a
//! token in the chunk (0 for the first). Nodes record the positions the
//! compiler needs to know "which token would be current now" (the token
//! after an expression, the keyword that ends a block...), and
//! [`Chunk::lastlines`] maps a position to PUC's `lastline` while that
//! token is current: the line new instructions get. Nodes also carry a few
//! explicit lines (an operator's, a call's `(`), which PUC passes to
//! `luaK_fixline`.
//!
//! "The line of a token" is always PUC's `linenumber` while that token is
//! current: the line where the token *ends* (a multi-line long string
//! counts at its last line).
//!
//! The parser rejects what PUC rejects while parsing and that needs no name
//! resolution, with PUC's message and line: syntax and lexical errors,
//! unknown attributes (`local x <foo>`), two `<close>` variables in one
//! `local` statement, more than 200 local variables in scope in one
//! function (PUC's `MAXVARS`, hidden `for` variables included, reported
//! `near` the token after the name), `...` outside a vararg function, and
//! nesting deeper than PUC's C-stack limit. Everything needing name
//! resolution (labels, `goto` targets and scopes, `break` outside a loop,
//! `<const>` assignment, upvalue and register limits) is left to the
//! compiler.
//!
//! An error does not stop the parser: it records the first one as the
//! chunk's [`Cut`] and goes on as if the source ended there, completing
//! every open construct with empty parts (no statements, `nil` for a missing
//! expression) placed *after* the cut. The compiler then compiles this
//! prefix, exactly as PUC would have compiled it before meeting the error,
//! and reports whichever error PUC meets first (see [`Cut`]).

/// The index of a token in its chunk (see the module documentation).
pub type Pos = u32;

/// An identifier or string literal: Lua strings are bytes, not UTF-8.
pub type Name = Box<[u8]>;

/// A whole chunk: the body of the main function (always vararg).
#[derive(Clone, Debug, PartialEq)]
pub struct Chunk {
    pub block: Block,
    /// The position of `<eof>`.
    pub eof: Pos,
    /// PUC's `lastline` while each token is current, by position: the line
    /// where the token before it ends, or the token's own line when it was
    /// read ahead (a table field's name, before its `=`).
    pub lastlines: Vec<u32>,
    /// The first error in the source, if any: the tree then describes only
    /// what comes before it.
    pub cut: Option<Cut>,
    /// The first position whose token was read up to the end of the
    /// source: if the source went on, it could be another token (see
    /// `compile::early_error`). `Pos::MAX` if no token reached the end
    /// (an error came first).
    pub partial_from: Pos,
}

impl Chunk {
    /// PUC's `lastline` while the token at `pos` is current (positions
    /// past the cut give the last line read).
    pub fn lastline(&self, pos: Pos) -> u32 {
        let known = self.lastlines.get(pos as usize).or(self.lastlines.last());
        known.copied().unwrap_or(1)
    }
}

/// Where the parser met the first error. PUC would have reported it at
/// once, so a compile error wins over it only if PUC meets that one first:
/// when it happens while a token before `pos` is current, or while the
/// token at `pos` is current and `compile_first` (PUC compiles what it has
/// before it looks at the token that turns out to be wrong; lexical errors
/// and the parser's own checks come before any code for that token).
#[derive(Clone, Debug, PartialEq)]
pub struct Cut {
    pub error: crate::lex::SyntaxError,
    pub pos: Pos,
    pub compile_first: bool,
}

impl Cut {
    /// Whether PUC meets this error before a compile error raised while
    /// the token at `pos` is current.
    pub fn comes_before(&self, pos: Pos) -> bool {
        pos > self.pos || (pos == self.pos && !self.compile_first)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Block {
    pub stats: Vec<Stat>,
    pub ret: Option<Return>,
    /// The position of its first token.
    pub start: Pos,
    /// The position of the token that ends it: PUC leaves the block's scope
    /// while that token is current.
    pub end: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Return {
    pub exprs: Vec<Expr>,
    /// The line of the `return` keyword.
    pub line: u32,
    /// The position of the `return` keyword.
    pub start: Pos,
    /// The position after the values (an optional `;` comes later).
    pub end: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stat {
    pub kind: StatKind,
    /// The line where the statement starts (of its first token), except
    /// for `Goto`: the line of the label name after `goto`, which is the
    /// line PUC records for the goto (messages and the jump instruction).
    pub line: u32,
    /// The position of its first token.
    pub start: Pos,
    /// The position of the token after the statement.
    pub end: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attrib {
    None,
    Const,
    Close,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StatKind {
    /// A function call used as a statement (`ExprKind::Call` or `MethodCall`).
    Call(Expr),
    /// `local n1 <attr>, n2 = e1, e2`
    Local {
        names: Vec<(Name, Attrib)>,
        exprs: Vec<Expr>,
    },
    /// `t1, t2 = e1, e2`; targets are `Name` or `Index` expressions.
    Assign {
        targets: Vec<Expr>,
        exprs: Vec<Expr>,
    },
    /// `local function name body`
    LocalFunction {
        name: Name,
        func: Box<FuncBody>,
    },
    /// `function a.b.c:m body`
    Function {
        name: FuncName,
        func: Box<FuncBody>,
    },
    Do(Block),
    While {
        cond: Expr,
        body: Block,
    },
    /// `repeat body until cond` (the condition sees the body's locals).
    Repeat {
        body: Block,
        cond: Expr,
    },
    /// `if c1 then b1 elseif c2 then b2 ... else bn end`
    If {
        branches: Vec<(Expr, Block)>,
        else_block: Option<Block>,
    },
    NumericFor {
        var: Name,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
    },
    GenericFor {
        names: Vec<Name>,
        exprs: Vec<Expr>,
        /// The line of the first token after `in` (the generator call's).
        exprs_line: u32,
        body: Block,
    },
    Goto(Name),
    /// `::name::`: PUC defines the label while the token after it (and
    /// after the labels and `;` that follow it) is current, at `after`;
    /// `last` tells whether that token ends the block (`until` does not:
    /// the condition still sees the block's locals).
    Label {
        name: Name,
        after: Pos,
        last: bool,
    },
    Break,
}

/// `a.b.c:m` in `function a.b.c:m() end`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncName {
    pub base: Name,
    /// The position after the base name.
    pub base_end: Pos,
    /// The `.field` parts, with the line of each and the position after it.
    pub fields: Vec<(Name, u32, Pos)>,
    /// The `:method` part, with the position after it.
    pub method: Option<(Name, Pos)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncBody {
    pub params: Vec<Name>,
    pub is_vararg: bool,
    /// A method body (`function t:m()`): `self` is an implicit first parameter.
    pub is_method: bool,
    pub block: Block,
    /// PUC's `linedefined`: for a function statement, the line of the
    /// `function` keyword; for a function expression, the line of the token
    /// after `function` (normally the `(`); for `local function f`, the line
    /// of the token after the name (normally the `(`).
    pub line: u32,
    /// Line of the closing `end` (PUC's `lastlinedefined`; the `CLOSURE`
    /// instruction is attributed to it too).
    pub end_line: u32,
    /// The position of the `(` (PUC creates the prototype there).
    pub start: Pos,
    /// The position after the parameters (normally of the `)`).
    pub params_end: Pos,
    /// The position after the closing `end`: PUC closes the function (and
    /// reports its unresolved `goto`s) while that token is current.
    pub after_end: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// The line PUC attributes to the instruction this expression produces:
    /// the operator's line for unary and binary operators, the line of the
    /// key for indexing (`.name`: the name's line; `[k]`: the line of the
    /// closing `]`, where PUC's `lastline` is once the key is read), the line
    /// of the arguments' opening token (`(`, `{` or the string) for calls
    /// and method calls, the `(` for `Paren`, the `{` for tables, the
    /// `function` keyword for function expressions (see `FuncBody::line`),
    /// the token's line for everything else.
    pub line: u32,
    /// The position of its first token.
    pub start: Pos,
    /// The position of the token after it.
    pub end: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Nil,
    True,
    False,
    /// `...`
    Vararg,
    Integer(i64),
    Number(f64),
    String(Name),
    Function(Box<FuncBody>),
    Table(Vec<TableField>),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Name(Name),
    /// `obj[key]`; `obj.name` is `Index` with a string key.
    Index {
        obj: Box<Expr>,
        key: Box<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `obj:method(args)`
    MethodCall {
        obj: Box<Expr>,
        method: Name,
        args: Vec<Expr>,
    },
    /// `(e)`: truncates multiple results to one.
    Paren(Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableField {
    /// `[k] = v` or `name = v` (a string key); `start` is the position of
    /// the field's first token (the `[` or the name).
    Keyed { start: Pos, key: Expr, value: Expr },
    /// A positional item.
    Item(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    IDiv,
    Mod,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    Len,
    BNot,
}

/// Dropping an expression is iterative: left-associative chains such as
/// `1+1+1…` or `a.b.c…` can be 100 000 nodes deep, and the default
/// recursive drop would overflow the Rust stack. The tree is taken apart
/// by a loop instead: leaves are dropped at once, one inner child is
/// followed, and any other inner children wait in a work list (allocated
/// only when a node has two inner children). Because `Expr` implements
/// `Drop`, it cannot be destructured by move; match on `&expr.kind`.
impl Drop for Expr {
    fn drop(&mut self) {
        if !self.kind.has_child_exprs() {
            return;
        }
        let mut pending = Vec::new();
        let mut next = detach_children(&mut self.kind, &mut pending);
        while let Some(mut expr) = next.take().or_else(|| pending.pop()) {
            next = detach_children(&mut expr.kind, &mut pending);
            // `expr` now has no children: its own drop returns at once.
        }
    }
}

impl ExprKind {
    fn has_child_exprs(&self) -> bool {
        match self {
            ExprKind::Binary { .. }
            | ExprKind::Unary { .. }
            | ExprKind::Index { .. }
            | ExprKind::Call { .. }
            | ExprKind::MethodCall { .. }
            | ExprKind::Paren(_) => true,
            ExprKind::Table(fields) => !fields.is_empty(),
            _ => false,
        }
    }
}

/// Takes the direct sub-expressions out of `kind` (leaving `Nil`): leaves
/// are dropped, the first inner child is returned, other inner children
/// go to `pending`. Function bodies count as leaves: their nesting is
/// bounded by the parser's level limit.
fn detach_children(kind: &mut ExprKind, pending: &mut Vec<Expr>) -> Option<Expr> {
    if !kind.has_child_exprs() {
        return None;
    }
    let mut next = None;
    let mut keep = |expr: Expr| {
        if !expr.kind.has_child_exprs() {
            drop(expr);
        } else if next.is_none() {
            next = Some(expr);
        } else {
            pending.push(expr);
        }
    };
    match std::mem::replace(kind, ExprKind::Nil) {
        ExprKind::Binary { lhs, rhs, .. } => {
            keep(*lhs);
            keep(*rhs);
        }
        ExprKind::Unary { operand, .. } => keep(*operand),
        ExprKind::Index { obj, key } => {
            keep(*obj);
            keep(*key);
        }
        ExprKind::Call { func, args } => {
            keep(*func);
            args.into_iter().for_each(keep);
        }
        ExprKind::MethodCall { obj, args, .. } => {
            keep(*obj);
            args.into_iter().for_each(keep);
        }
        ExprKind::Paren(inner) => keep(*inner),
        ExprKind::Table(fields) => {
            for field in fields {
                match field {
                    TableField::Keyed { key, value, .. } => {
                        keep(key);
                        keep(value);
                    }
                    TableField::Item(value) => keep(value),
                }
            }
        }
        _ => {}
    }
    next
}
