//! The abstract syntax tree produced by `parse` and consumed by `compile`.
//!
//! Names are not resolved here (the compiler decides local / upvalue /
//! global), and no semantic check beyond the grammar is made: `goto`/label
//! visibility, `<const>` assignment and `break` placement are the compiler's.
//! Every node carries the source lines PUC Lua attributes to the instructions
//! it generates, so that runtime errors and debug information carry the same
//! line numbers as `lua5.4`.

/// An identifier or string literal: Lua strings are bytes, not UTF-8.
pub type Name = Box<[u8]>;

/// A whole chunk: the body of the main function (always vararg).
#[derive(Clone, Debug, PartialEq)]
pub struct Chunk {
    pub block: Block,
    /// The line of the end of the source (PUC's line at `<eof>`).
    pub end_line: u32,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Block {
    pub stats: Vec<Stat>,
    pub ret: Option<Return>,
    /// The line of the token that ends the block (`end`, `until`, `else`,
    /// `elseif`, `<eof>`): PUC reports block-level semantic errors there.
    pub end_line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Return {
    pub exprs: Vec<Expr>,
    /// The line of the `return` keyword.
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stat {
    pub kind: StatKind,
    /// The line where the statement starts.
    pub line: u32,
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
    Assign { targets: Vec<Expr>, exprs: Vec<Expr> },
    /// `local function name body`
    LocalFunction { name: Name, func: Box<FuncBody> },
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
        body: Block,
    },
    Goto(Name),
    Label(Name),
    Break,
}

/// `a.b.c:m` in `function a.b.c:m() end`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncName {
    pub base: Name,
    /// The `.field` parts, with the line of each.
    pub fields: Vec<(Name, u32)>,
    pub method: Option<Name>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncBody {
    pub params: Vec<Name>,
    pub is_vararg: bool,
    /// A method body (`function t:m()`): `self` is an implicit first parameter.
    pub is_method: bool,
    pub block: Block,
    /// Line of the `function` keyword.
    pub line: u32,
    /// Line of the closing `end`.
    pub end_line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// The line PUC attributes to the instruction this expression produces:
    /// the operator's line for unary and binary operators, the line of the
    /// key for indexing, the line of the arguments' opening token for calls,
    /// the token's line for everything else.
    pub line: u32,
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
    /// `[k] = v` or `name = v` (a string key).
    Keyed { key: Expr, value: Expr },
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
