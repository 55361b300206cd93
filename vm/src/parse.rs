//! The parser: Lua 5.4 source → [`Chunk`], the syntax tree of `ast`.
//!
//! A recursive-descent parser shaped like PUC Lua's, so that it fails on the
//! same token, at the same line, with the same message. Nesting is bounded the
//! way PUC bounds it (a count of "C levels", failing with `C stack overflow`),
//! which also keeps the Rust stack safe; left-associative chains
//! (`a+b+c…`, `a.b.c…`, `f()()…`) are built by loops, not recursion.
//!
//! The first error does not end parsing: it becomes the chunk's [`Cut`],
//! and the parser goes on as if the source ended there (every token is
//! `<eof>`, every check passes, a missing name is empty, a missing
//! expression is `nil`), so that the tree holds everything PUC would have
//! compiled before it met the error. Nodes completed after the cut get
//! positions past it, so the compiler knows their code never existed.

use crate::ast::{
    Attrib, BinOp, Block, Chunk, Cut, Expr, ExprKind, FuncBody, FuncName, Name, Pos, Return, Stat,
    StatKind, TableField, UnOp,
};
use crate::lex::{Lexer, SyntaxError, Token};

/// PUC's `LUAI_MAXCCALLS`: nesting that reaches it fails.
const MAX_LEVELS: u32 = 200;
/// The C levels already in use when PUC's `load` starts parsing (the call
/// of `load` and of the parser); counting from here fails on the same
/// nesting depth as `lua5.4` does.
const BASE_LEVEL: u32 = 2;

/// PUC's `MAXVARS`: the most local variables a function may have in scope
/// (hidden `for` variables and pending declarations count).
const MAX_LOCALS: u32 = 200;
/// The most local variables in scope in all the functions being parsed
/// (`SHRT_MAX`: PUC keeps them in one array).
const MAX_ALL_LOCALS: u32 = 32767;

/// The priority of unary operators: they bind tighter than everything but
/// `^` (so `-x^2` is `-(x^2)`).
const UNARY_PRIORITY: u8 = 12;

/// Parses a whole chunk, failing on its first error. `chunkname` is PUC's
/// source name (`@file.lua`, `=stdin`, or the source text itself); messages
/// start with its chunk id.
pub fn parse(source: &[u8], chunkname: &[u8]) -> Result<Chunk, SyntaxError> {
    let chunk = parse_prefix(source, chunkname);
    match &chunk.cut {
        Some(cut) => Err(cut.error.clone()),
        None => Ok(chunk),
    }
}

/// Parses a chunk up to its first error, if any (see [`Chunk::cut`]).
pub fn parse_prefix(source: &[u8], chunkname: &[u8]) -> Chunk {
    parse_source(source, chunkname, false)
}

/// `parse_prefix` for a source `load` reads from a reader function,
/// as far as it has been read.
pub fn parse_read_prefix(source: &[u8], chunkname: &[u8]) -> Chunk {
    parse_source(source, chunkname, true)
}

fn parse_source(source: &[u8], chunkname: &[u8], from_reader: bool) -> Chunk {
    // PUC keeps the source name as a C string: it ends at the first NUL.
    let chunkname = chunkname.split(|&c| c == 0).next().unwrap_or_default();
    let mut parser = Parser {
        lex: Lexer::new(source, chunkname),
        token: Token::Eof,
        ahead: None,
        pos: 0,
        lastlines: Vec::new(),
        cut: None,
        partial_from: Pos::MAX,
        from_reader,
        level: BASE_LEVEL,
        function: FunctionState {
            line: 0,
            locals: 0,
            is_vararg: true,
        },
        outer_locals: 0,
    };
    parser.next();
    let block = parser.block();
    parser.check(&Token::Eof);
    Chunk {
        block,
        eof: parser.pos,
        lastlines: parser.lastlines,
        cut: parser.cut,
        partial_from: parser.partial_from,
    }
}

/// Left and right priorities of a binary operator (right < left makes it
/// right associative).
fn priority(op: BinOp) -> (u8, u8) {
    match op {
        BinOp::Or => (1, 1),
        BinOp::And => (2, 2),
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (3, 3),
        BinOp::BOr => (4, 4),
        BinOp::BXor => (5, 5),
        BinOp::BAnd => (6, 6),
        BinOp::Shl | BinOp::Shr => (7, 7),
        BinOp::Concat => (9, 8),
        BinOp::Add | BinOp::Sub => (10, 10),
        BinOp::Mul | BinOp::Div | BinOp::IDiv | BinOp::Mod => (11, 11),
        BinOp::Pow => (14, 13),
    }
}

fn binary_operator(token: &Token) -> Option<BinOp> {
    Some(match token {
        Token::Char(b'+') => BinOp::Add,
        Token::Char(b'-') => BinOp::Sub,
        Token::Char(b'*') => BinOp::Mul,
        Token::Char(b'/') => BinOp::Div,
        Token::Char(b'%') => BinOp::Mod,
        Token::Char(b'^') => BinOp::Pow,
        Token::Char(b'&') => BinOp::BAnd,
        Token::Char(b'|') => BinOp::BOr,
        Token::Char(b'~') => BinOp::BXor,
        Token::Char(b'<') => BinOp::Lt,
        Token::Char(b'>') => BinOp::Gt,
        Token::IDiv => BinOp::IDiv,
        Token::Shl => BinOp::Shl,
        Token::Shr => BinOp::Shr,
        Token::Concat => BinOp::Concat,
        Token::Ne => BinOp::Ne,
        Token::Eq => BinOp::Eq,
        Token::Le => BinOp::Le,
        Token::Ge => BinOp::Ge,
        Token::And => BinOp::And,
        Token::Or => BinOp::Or,
        _ => return None,
    })
}

fn unary_operator(token: &Token) -> Option<UnOp> {
    Some(match token {
        Token::Not => UnOp::Not,
        Token::Char(b'-') => UnOp::Neg,
        Token::Char(b'~') => UnOp::BNot,
        Token::Char(b'#') => UnOp::Len,
        _ => return None,
    })
}

/// Only names and indexing can be assigned to.
fn is_assignable(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Name(_) | ExprKind::Index { .. })
}

struct Parser<'s> {
    lex: Lexer<'s>,
    /// The current token (`<eof>` for good once an error is met).
    token: Token,
    /// A token read ahead of the current one (table fields need it).
    ahead: Option<Token>,
    /// The position of the current token.
    pos: Pos,
    /// PUC's `lastline` for each position read (see `Chunk::lastlines`).
    lastlines: Vec<u32>,
    /// The first error met.
    cut: Option<Cut>,
    /// See `Chunk::partial_from`.
    partial_from: Pos,
    /// The source comes from a reader function (see `scan`).
    from_reader: bool,
    /// Nesting depth, counted as PUC counts C levels.
    level: u32,
    /// The function being parsed.
    function: FunctionState,
    /// Local variables in scope in the enclosing functions.
    outer_locals: u32,
}

/// What the parser tracks about the function it is in.
struct FunctionState {
    /// PUC's `linedefined` (0 for the main chunk), for limit messages.
    line: u32,
    /// Local variables declared and still in scope, counted as PUC counts
    /// them for its `MAXVARS` limit.
    locals: u32,
    /// Whether `...` is allowed.
    is_vararg: bool,
}

impl Parser<'_> {
    // ----- tokens and errors -----

    /// The line of the current token (PUC's `linenumber`).
    fn line(&self) -> u32 {
        self.lex.line()
    }

    /// Moves to the next token (PUC's `luaX_next`).
    fn next(&mut self) {
        if self.cut.is_some() {
            return;
        }
        let lastline = self.lex.line();
        let token = match self.ahead.take() {
            Some(token) => Ok(token),
            None => self.scan(self.lastlines.len() as Pos),
        };
        match token {
            Ok(token) => {
                self.token = token;
                self.lastlines.push(lastline);
                self.pos = (self.lastlines.len() - 1) as Pos;
            }
            // A lexical error: the token being read never becomes current.
            Err(error) => self.stop(error, self.lastlines.len() as Pos, false),
        }
    }

    fn peek(&mut self) -> &Token {
        if self.cut.is_none() && self.ahead.is_none() {
            match self.scan(self.pos + 1) {
                Ok(token) => self.ahead = Some(token),
                Err(error) => self.stop(error, self.pos + 1, false),
            }
        }
        self.ahead.as_ref().unwrap_or(&Token::Eof)
    }

    /// Reads the token at `pos` from the scanner, noting whether it reached
    /// the end of the source. PUC reads a source given by a reader function
    /// as it scans: reaching the end of what has been read calls the
    /// reader, one C level deeper than the parser, which fails one level
    /// before the parser's own limit.
    fn scan(&mut self, pos: Pos) -> Result<Token, SyntaxError> {
        let token = self.lex.next_token();
        if self.lex.at_end() {
            if self.from_reader && self.level + 1 >= MAX_LEVELS {
                // Whatever the reader would give.
                return Err(SyntaxError {
                    message: b"C stack overflow".to_vec(),
                    incomplete: false,
                });
            }
            if self.partial_from == Pos::MAX {
                self.partial_from = pos;
            }
        }
        token
    }

    /// Records the first error (at position `pos`) and makes the rest of
    /// the source look empty; positions from here on are past the cut.
    fn stop(&mut self, error: SyntaxError, pos: Pos, compile_first: bool) {
        let cut = self.cut.get_or_insert(Cut {
            error,
            pos,
            compile_first,
        });
        self.pos = cut.pos + 1;
        self.token = Token::Eof;
        self.ahead = None;
    }

    /// A syntax error at the current token: `msg near 'tok'`. PUC has
    /// already compiled what came before this token.
    fn fail(&mut self, message: &[u8]) {
        let error = self.lex.error(message, Some(&self.token));
        self.stop(error, self.pos, true);
    }

    /// An error PUC's parser raises at the current token before compiling
    /// anything for it (`near` it when `near`).
    fn fail_early(&mut self, message: &[u8], near: bool) {
        let error = self.lex.error(message, near.then_some(&self.token));
        self.stop(error, self.pos, false);
    }

    fn test_next(&mut self, token: &Token) -> bool {
        if self.token == *token {
            self.next();
            true
        } else {
            false
        }
    }

    fn fail_expected(&mut self, token: &Token) {
        let mut message = token.describe();
        message.extend_from_slice(b" expected");
        self.fail(&message);
    }

    fn check(&mut self, token: &Token) {
        if self.token != *token && self.cut.is_none() {
            self.fail_expected(token);
        }
    }

    fn check_next(&mut self, token: &Token) {
        self.check(token);
        self.next();
    }

    /// Consumes `what`, which closes `who` opened at line `where_`.
    fn check_match(&mut self, what: &Token, who: &Token, where_: u32) {
        if self.test_next(what) || self.cut.is_some() {
            return;
        }
        if where_ == self.line() {
            return self.fail_expected(what);
        }
        let mut message = what.describe();
        message.extend_from_slice(b" expected (to close ");
        message.extend_from_slice(&who.describe());
        message.extend_from_slice(format!(" at line {where_})").as_bytes());
        self.fail(&message);
    }

    /// Consumes a name token, giving its bytes (empty after an error).
    fn name(&mut self) -> Name {
        match std::mem::replace(&mut self.token, Token::Eof) {
            Token::Name(name) => {
                self.next();
                name
            }
            other => {
                self.token = other;
                if self.cut.is_none() {
                    self.fail_expected(&Token::Name(Box::default()));
                }
                Name::default()
            }
        }
    }

    fn enter_level(&mut self) {
        self.level += 1;
        if self.level >= MAX_LEVELS && self.cut.is_none() {
            let error = SyntaxError {
                message: b"C stack overflow".to_vec(),
                incomplete: false,
            };
            self.stop(error, self.pos, true);
        }
    }

    fn leave_level(&mut self) {
        self.level -= 1;
    }

    /// Counts a new local variable of the current function. PUC checks its
    /// limit while parsing, at this point (so the message is `near` the
    /// token after the name).
    fn declare_local(&mut self) {
        if self.function.locals + 1 > MAX_LOCALS && self.cut.is_none() {
            let place = match self.function.line {
                0 => "main function".to_string(),
                line => format!("function at line {line}"),
            };
            let message = format!("too many local variables (limit is {MAX_LOCALS}) in {place}");
            self.fail_early(message.as_bytes(), true);
        }
        if self.outer_locals + self.function.locals + 1 > MAX_ALL_LOCALS && self.cut.is_none() {
            // PUC's array of them is full: a bare runtime error.
            let message = format!("too many local variables (limit is {MAX_ALL_LOCALS})");
            let error = SyntaxError {
                message: message.into_bytes(),
                incomplete: false,
            };
            self.stop(error, self.pos, false);
        }
        self.function.locals += 1;
    }

    /// An expression standing for one that is missing after an error; it
    /// starts where it was expected (PUC generated the code for what came
    /// before the expression there) and ends past the cut.
    fn missing_expr(&self, start: Pos) -> Expr {
        Expr {
            kind: ExprKind::Nil,
            line: self.line(),
            start,
            end: self.pos,
        }
    }

    /// Appends a statement that ends here.
    /// (`statement` sets its start.)
    fn push(&self, stats: &mut Vec<Stat>, kind: StatKind, line: u32) {
        stats.push(Stat {
            kind,
            line,
            start: self.pos,
            end: self.pos,
        });
    }

    // ----- blocks and statements -----

    /// Whether the current token ends a block (`until` ends statement
    /// lists but not scopes: see `label_stat`).
    fn block_follows(&self) -> bool {
        matches!(
            self.token,
            Token::Else | Token::ElseIf | Token::End | Token::Eof | Token::Until
        )
    }

    // Stack discipline. Nesting recursion (block → statement → block,
    // sub_expr → … → sub_expr) may go 200 levels deep, and debug builds
    // give every temporary of a function its own stack slot. So functions
    // on a recursion path either only dispatch or keep few locals: what
    // comes before the nested part is parsed by a helper, and expressions
    // held across a nested part are boxed (8 bytes instead of a whole
    // `Expr`).

    /// A statement list, up to (not including) the token that ends it.
    /// Its locals go out of scope at its end.
    fn block(&mut self) -> Block {
        let locals_before = self.function.locals;
        let mut block = Block {
            start: self.pos,
            ..Block::default()
        };
        while !self.block_follows() {
            if self.token == Token::Return {
                block.ret = Some(self.return_stat());
                break;
            }
            self.statement(&mut block.stats);
        }
        block.end = self.pos;
        self.function.locals = locals_before;
        block
    }

    /// Parses one statement and appends it (an empty statement adds
    /// nothing; a label may bring the labels that follow it).
    fn statement(&mut self, stats: &mut Vec<Stat>) {
        let (line, start, first) = (self.line(), self.pos, stats.len());
        self.enter_level();
        match self.token {
            Token::Char(b';') => self.next(),
            Token::If => self.if_stat(line, stats),
            Token::While => self.while_stat(line, stats),
            Token::Do => self.do_stat(line, stats),
            Token::For => self.for_stat(line, stats),
            Token::Repeat => self.repeat_stat(line, stats),
            Token::Function => self.function_stat(line, stats),
            Token::Local => self.local_or_local_function(line, stats),
            Token::DbColon => self.label_stat(line, stats),
            Token::Break => self.break_stat(line, stats),
            Token::Goto => self.goto_stat(stats),
            // After an error the token is `<eof>`: nothing to add.
            Token::Eof => {}
            _ => self.expr_stat(line, stats),
        }
        if let Some(stat) = stats.get_mut(first) {
            stat.start = start;
        }
        self.leave_level();
    }

    /// `return [explist] [';']`: always the last statement of a block.
    fn return_stat(&mut self) -> Return {
        let (line, start) = (self.line(), self.pos);
        self.enter_level();
        self.next();
        let exprs = if self.block_follows() || self.token == Token::Char(b';') {
            Vec::new()
        } else {
            self.expr_list()
        };
        let end = self.pos;
        self.test_next(&Token::Char(b';'));
        self.leave_level();
        Return {
            exprs,
            line,
            start,
            end,
        }
    }

    fn break_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        self.push(stats, StatKind::Break, line);
    }

    fn do_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        let body = self.block();
        self.check_match(&Token::End, &Token::Do, line);
        self.push(stats, StatKind::Do(body), line);
    }

    /// `while cond do block end`
    fn while_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        let cond = self.boxed_expr();
        self.check_next(&Token::Do);
        let body = self.block();
        self.check_match(&Token::End, &Token::While, line);
        let kind = StatKind::While { cond: *cond, body };
        self.push(stats, kind, line);
    }

    /// `repeat block until cond`
    fn repeat_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        let body = self.block();
        self.check_match(&Token::Until, &Token::Repeat, line);
        let cond = self.boxed_expr();
        let kind = StatKind::Repeat { body, cond: *cond };
        self.push(stats, kind, line);
    }

    /// `if c1 then b1 {elseif cn then bn} [else b] end`
    fn if_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        let mut branches = Vec::new();
        loop {
            self.if_branch(&mut branches);
            if self.token != Token::ElseIf {
                break;
            }
        }
        let else_block = if self.test_next(&Token::Else) {
            Some(self.block())
        } else {
            None
        };
        self.check_match(&Token::End, &Token::If, line);
        let kind = StatKind::If {
            branches,
            else_block,
        };
        self.push(stats, kind, line);
    }

    /// `if cond then block` or `elseif cond then block`.
    fn if_branch(&mut self, branches: &mut Vec<(Expr, Block)>) {
        self.next();
        let cond = self.boxed_expr();
        self.check_next(&Token::Then);
        let block = self.block();
        branches.push((*cond, block));
    }

    /// A `for` loop; its variables (and PUC's hidden ones) go out of scope
    /// at its end.
    fn for_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        let locals_before = self.function.locals;
        self.next();
        let var = self.name();
        match self.token {
            Token::Char(b'=') => self.numeric_for(var, line, stats),
            Token::Char(b',') | Token::In => self.generic_for(var, line, stats),
            _ => {
                if self.cut.is_none() {
                    self.fail(b"'=' or 'in' expected");
                }
            }
        }
        self.function.locals = locals_before;
    }

    /// `= start, limit [, step] do block end`, after the variable.
    fn numeric_for(&mut self, var: Name, line: u32, stats: &mut Vec<Stat>) {
        // Three hidden control variables, then the declared one.
        for _ in 0..4 {
            self.declare_local();
        }
        let range = self.numeric_for_range();
        self.check_next(&Token::Do);
        let body = self.block();
        self.check_match(&Token::End, &Token::For, line);
        let (start, limit, step) = *range;
        let kind = StatKind::NumericFor {
            var,
            start,
            limit,
            step,
            body,
        };
        self.push(stats, kind, line);
    }

    /// `= start, limit [, step]`
    fn numeric_for_range(&mut self) -> Box<(Expr, Expr, Option<Expr>)> {
        self.next();
        let start = self.expr();
        self.check_next(&Token::Char(b','));
        let limit = self.expr();
        let step = if self.test_next(&Token::Char(b',')) {
            Some(self.expr())
        } else {
            None
        };
        Box::new((start, limit, step))
    }

    /// `{, name} in explist do block end`, after the first variable.
    fn generic_for(&mut self, first: Name, line: u32, stats: &mut Vec<Stat>) {
        // Four hidden control variables, then the declared ones.
        for _ in 0..5 {
            self.declare_local();
        }
        let mut names = vec![first];
        while self.test_next(&Token::Char(b',')) {
            names.push(self.name());
            self.declare_local();
        }
        self.check_next(&Token::In);
        let exprs_line = self.line();
        let exprs = self.expr_list();
        self.check_next(&Token::Do);
        let body = self.block();
        self.check_match(&Token::End, &Token::For, line);
        let kind = StatKind::GenericFor {
            names,
            exprs,
            exprs_line,
            body,
        };
        self.push(stats, kind, line);
    }

    /// `function a.b.c:m body`
    fn function_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        let name = self.function_name();
        let func = self.body(name.method.is_some(), line);
        let kind = StatKind::Function { name: *name, func };
        self.push(stats, kind, line);
    }

    /// `a.b.c:m` after `function`.
    fn function_name(&mut self) -> Box<FuncName> {
        let base = self.name();
        let base_end = self.pos;
        let mut fields = Vec::new();
        while self.test_next(&Token::Char(b'.')) {
            let field_line = self.line();
            let field = self.name();
            fields.push((field, field_line, self.pos));
        }
        let method = if self.test_next(&Token::Char(b':')) {
            Some((self.name(), self.pos))
        } else {
            None
        };
        Box::new(FuncName {
            base,
            base_end,
            fields,
            method,
        })
    }

    fn local_or_local_function(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        if self.test_next(&Token::Function) {
            self.local_function(line, stats)
        } else {
            self.local_stat(line, stats)
        }
    }

    /// `local function name body`, after `local function`.
    fn local_function(&mut self, line: u32, stats: &mut Vec<Stat>) {
        let name = self.name();
        self.declare_local();
        // PUC's `linedefined` here is the line of the token after the name.
        let func = self.body(false, self.line());
        self.push(stats, StatKind::LocalFunction { name, func }, line);
    }

    /// `local n1 <attr>, n2 = e1, e2`, after the `local`.
    fn local_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        let mut names = Vec::new();
        let mut has_close = false;
        loop {
            let name = self.name();
            self.declare_local();
            let attrib = self.attribute();
            if attrib == Attrib::Close {
                if has_close && self.cut.is_none() {
                    self.fail_early(b"multiple to-be-closed variables in local list", false);
                }
                has_close = true;
            }
            names.push((name, attrib));
            if !self.test_next(&Token::Char(b',')) {
                break;
            }
        }
        let exprs = if self.test_next(&Token::Char(b'=')) {
            self.expr_list()
        } else {
            Vec::new()
        };
        self.push(stats, StatKind::Local { names, exprs }, line);
    }

    /// `['<' Name '>']` after a local's name.
    fn attribute(&mut self) -> Attrib {
        if !self.test_next(&Token::Char(b'<')) {
            return Attrib::None;
        }
        let name = self.name();
        self.check_next(&Token::Char(b'>'));
        match &*name {
            b"const" => Attrib::Const,
            b"close" => Attrib::Close,
            _ => {
                if self.cut.is_none() {
                    let mut message = b"unknown attribute '".to_vec();
                    message.extend_from_slice(&name);
                    message.push(b'\'');
                    self.fail_early(&message, false);
                }
                Attrib::None
            }
        }
    }

    /// `:: name ::`
    fn label_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        self.next();
        let name = self.name();
        self.check_next(&Token::DbColon);
        let at = stats.len();
        self.push(stats, StatKind::Break, line); // replaced below
        // PUC parses the no-op statements after a label inside the label's
        // own statement (so consecutive labels nest, and count levels, and
        // the later ones are defined first).
        while matches!(self.token, Token::Char(b';') | Token::DbColon) {
            self.statement(stats);
        }
        // `until` does not end the scope: PUC's `block_follow(ls, 0)`.
        let last = matches!(
            self.token,
            Token::Else | Token::ElseIf | Token::End | Token::Eof
        );
        stats[at].kind = StatKind::Label {
            name,
            after: self.pos,
            last,
        };
        stats[at].end = self.pos;
    }

    /// `goto name`. Its line is the name's: PUC records that one.
    fn goto_stat(&mut self, stats: &mut Vec<Stat>) {
        self.next();
        let line = self.line();
        let name = self.name();
        self.push(stats, StatKind::Goto(name), line);
    }

    /// A call statement or an assignment.
    fn expr_stat(&mut self, line: u32, stats: &mut Vec<Stat>) {
        let first = self.boxed_suffixed_expr();
        if matches!(self.token, Token::Char(b'=' | b',')) {
            return self.assignment(*first, line, stats);
        }
        if !matches!(
            first.kind,
            ExprKind::Call { .. } | ExprKind::MethodCall { .. }
        ) && self.cut.is_none()
        {
            self.fail(b"syntax error");
        }
        // Kept even when it is no call: the code for the expression comes
        // before the error (the statement ends past the cut).
        self.push(stats, StatKind::Call(*first), line);
    }

    /// `, target … = explist` after the first target.
    fn assignment(&mut self, first: Expr, line: u32, stats: &mut Vec<Stat>) {
        let mut targets = vec![first];
        // PUC parses each further target one C level deeper.
        let mut extra_levels = 0;
        let exprs = loop {
            if !targets.last().is_some_and(is_assignable) {
                if self.cut.is_none() {
                    self.fail(b"syntax error");
                }
                break Vec::new();
            }
            if self.test_next(&Token::Char(b',')) {
                targets.push(*self.boxed_suffixed_expr());
                self.enter_level();
                extra_levels += 1;
            } else {
                self.check_next(&Token::Char(b'='));
                break self.expr_list();
            }
        };
        self.level -= extra_levels;
        self.push(stats, StatKind::Assign { targets, exprs }, line);
    }

    // ----- functions -----

    /// `'(' parlist ')' block 'end'`; `line` is PUC's `linedefined`.
    fn body(&mut self, is_method: bool, line: u32) -> Box<FuncBody> {
        let inner = FunctionState {
            line,
            locals: 0,
            is_vararg: false,
        };
        let outer = std::mem::replace(&mut self.function, inner);
        self.outer_locals += outer.locals;
        let mut func = self.parameters(is_method, line);
        self.function.is_vararg = func.is_vararg;
        func.block = self.block();
        func.end_line = self.line();
        self.check_match(&Token::End, &Token::Function, line);
        func.after_end = self.pos;
        self.function = outer;
        self.outer_locals -= self.function.locals;
        func
    }

    /// `'(' parlist ')'`: a function body still without its block.
    fn parameters(&mut self, is_method: bool, line: u32) -> Box<FuncBody> {
        let start = self.pos;
        self.check_next(&Token::Char(b'('));
        if is_method {
            self.declare_local(); // `self`
        }
        let mut params = Vec::new();
        let mut is_vararg = false;
        if self.token != Token::Char(b')') {
            loop {
                match self.token {
                    Token::Name(_) => {
                        params.push(self.name());
                        self.declare_local();
                    }
                    Token::Dots => {
                        self.next();
                        is_vararg = true;
                    }
                    _ => {
                        if self.cut.is_none() {
                            self.fail(b"<name> or '...' expected");
                        }
                        break;
                    }
                }
                if is_vararg || !self.test_next(&Token::Char(b',')) {
                    break;
                }
            }
        }
        let params_end = self.pos;
        self.check_next(&Token::Char(b')'));
        Box::new(FuncBody {
            params,
            is_vararg,
            is_method,
            block: Block::default(),
            line,
            end_line: line,
            start,
            params_end,
            after_end: params_end,
        })
    }

    // ----- expressions -----

    fn expr(&mut self) -> Expr {
        self.sub_expr(0).0
    }

    /// An expression, boxed: callers on recursion paths hold 8 bytes
    /// instead of a whole `Expr`.
    fn boxed_expr(&mut self) -> Box<Expr> {
        Box::new(self.sub_expr(0).0)
    }

    fn expr_list(&mut self) -> Vec<Expr> {
        let mut exprs = vec![self.expr()];
        while self.test_next(&Token::Char(b',')) {
            exprs.push(self.expr());
        }
        exprs
    }

    /// An expression whose binary operators all bind tighter than
    /// `limit`; also gives the first operator left unconsumed.
    fn sub_expr(&mut self, limit: u8) -> (Expr, Option<BinOp>) {
        self.enter_level();
        let first = match unary_operator(&self.token) {
            Some(op) => self.unary_expr(op),
            None => self.simple_expr(),
        };
        let parsed = self.binary_tail(first, limit);
        self.leave_level();
        parsed
    }

    /// Extends `expr` with binary operators that bind tighter than
    /// `limit`. Operators of equal priority are gathered by this loop (left
    /// associativity without recursion).
    fn binary_tail(&mut self, mut expr: Expr, limit: u8) -> (Expr, Option<BinOp>) {
        let mut op = binary_operator(&self.token);
        while let Some(current) = op.filter(|&op| priority(op).0 > limit) {
            (expr, op) = self.binary_expr(expr, current);
        }
        (expr, op)
    }

    /// `op operand`, at the operator.
    fn unary_expr(&mut self, op: UnOp) -> Expr {
        let (line, start) = (self.line(), self.pos);
        self.next();
        let (operand, _) = self.sub_expr(UNARY_PRIORITY);
        Expr {
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
            line,
            start,
            end: self.pos,
        }
    }

    /// `lhs op rhs`, at the operator; gives the operator after `rhs`.
    fn binary_expr(&mut self, lhs: Expr, op: BinOp) -> (Expr, Option<BinOp>) {
        let line = self.line();
        self.next();
        let (rhs, next_op) = self.sub_expr(priority(op).1);
        let start = lhs.start;
        let kind = ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        };
        let expr = Expr {
            kind,
            line,
            start,
            end: self.pos,
        };
        (expr, next_op)
    }

    fn simple_expr(&mut self) -> Expr {
        match self.token {
            Token::Char(b'{') => self.table(),
            Token::Function => self.function_expr(),
            Token::Float(_)
            | Token::Integer(_)
            | Token::String(_)
            | Token::Nil
            | Token::True
            | Token::False
            | Token::Dots => self.literal(),
            _ => self.suffixed_expr(),
        }
    }

    /// A constant or `...`.
    fn literal(&mut self) -> Expr {
        let (line, start) = (self.line(), self.pos);
        let kind = match &mut self.token {
            Token::Float(f) => ExprKind::Number(*f),
            Token::Integer(i) => ExprKind::Integer(*i),
            Token::String(s) => ExprKind::String(std::mem::take(s)),
            Token::Nil => ExprKind::Nil,
            Token::True => ExprKind::True,
            Token::False => ExprKind::False,
            _ => {
                if !self.function.is_vararg {
                    self.fail(b"cannot use '...' outside a vararg function");
                    return self.missing_expr(start);
                }
                ExprKind::Vararg
            }
        };
        self.next();
        Expr {
            kind,
            line,
            start,
            end: self.pos,
        }
    }

    /// `function body`, at `function`.
    fn function_expr(&mut self) -> Expr {
        let (line, start) = (self.line(), self.pos);
        self.next();
        // PUC's `linedefined` here is the line of the token after `function`.
        let func = self.body(false, self.line());
        Expr {
            kind: ExprKind::Function(func),
            line,
            start,
            end: self.pos,
        }
    }

    /// `Name` or `(expr)`.
    fn primary_expr(&mut self) -> Expr {
        match self.token {
            Token::Char(b'(') => self.paren_expr(),
            Token::Name(_) => {
                let (line, start) = (self.line(), self.pos);
                let kind = ExprKind::Name(self.name());
                Expr {
                    kind,
                    line,
                    start,
                    end: self.pos,
                }
            }
            _ => {
                let start = self.pos;
                if self.cut.is_none() {
                    self.fail(b"unexpected symbol");
                }
                self.missing_expr(start)
            }
        }
    }

    fn paren_expr(&mut self) -> Expr {
        let (line, start) = (self.line(), self.pos);
        self.next();
        let inner = self.boxed_expr();
        self.check_match(&Token::Char(b')'), &Token::Char(b'('), line);
        Expr {
            kind: ExprKind::Paren(inner),
            line,
            start,
            end: self.pos,
        }
    }

    fn boxed_suffixed_expr(&mut self) -> Box<Expr> {
        Box::new(self.suffixed_expr())
    }

    /// A primary expression followed by any number of `.name`, `[key]`,
    /// `:name args` and call suffixes (a loop: chains can be long).
    fn suffixed_expr(&mut self) -> Expr {
        let mut expr = self.primary_expr();
        while matches!(
            self.token,
            Token::Char(b'.' | b'[' | b':' | b'(' | b'{') | Token::String(_)
        ) {
            expr = self.suffix(expr);
        }
        expr
    }

    /// Applies the suffix at the current token to `expr`.
    fn suffix(&mut self, expr: Expr) -> Expr {
        match self.token {
            Token::Char(b'.') => self.field_suffix(expr),
            Token::Char(b'[') => self.key_suffix(expr),
            Token::Char(b':') => self.method_suffix(expr),
            _ => self.call_suffix(expr),
        }
    }

    /// `obj.name`
    fn field_suffix(&mut self, obj: Expr) -> Expr {
        self.next();
        let (line, key_start) = (self.line(), self.pos);
        let key = Box::new(Expr {
            kind: ExprKind::String(self.name()),
            line,
            start: key_start,
            end: self.pos,
        });
        let start = obj.start;
        let obj = Box::new(obj);
        Expr {
            kind: ExprKind::Index { obj, key },
            line,
            start,
            end: self.pos,
        }
    }

    /// `obj[key]`
    fn key_suffix(&mut self, obj: Expr) -> Expr {
        let start = obj.start;
        let obj = Box::new(obj);
        self.next();
        let key = self.boxed_expr();
        let line = self.line();
        self.check_next(&Token::Char(b']'));
        Expr {
            kind: ExprKind::Index { obj, key },
            line,
            start,
            end: self.pos,
        }
    }

    /// `obj:name args`
    fn method_suffix(&mut self, obj: Expr) -> Expr {
        let start = obj.start;
        let obj = Box::new(obj);
        self.next();
        let method = self.name();
        let line = self.line();
        let args = self.call_args();
        Expr {
            kind: ExprKind::MethodCall { obj, method, args },
            line,
            start,
            end: self.pos,
        }
    }

    /// `func args`
    fn call_suffix(&mut self, func: Expr) -> Expr {
        let start = func.start;
        let func = Box::new(func);
        let line = self.line();
        let args = self.call_args();
        Expr {
            kind: ExprKind::Call { func, args },
            line,
            start,
            end: self.pos,
        }
    }

    /// `(explist)`, a table constructor or a string literal.
    fn call_args(&mut self) -> Vec<Expr> {
        match self.token {
            Token::Char(b'(') => self.parenthesized_args(),
            Token::Char(b'{') => vec![self.table()],
            Token::String(_) => vec![self.literal()],
            _ => {
                if self.cut.is_none() {
                    self.fail(b"function arguments expected");
                }
                Vec::new()
            }
        }
    }

    fn parenthesized_args(&mut self) -> Vec<Expr> {
        let line = self.line();
        self.next();
        let args = if self.token == Token::Char(b')') {
            Vec::new()
        } else {
            self.expr_list()
        };
        self.check_match(&Token::Char(b')'), &Token::Char(b'('), line);
        args
    }

    /// `{ field { sep field } [sep] }`
    fn table(&mut self) -> Expr {
        let (line, start) = (self.line(), self.pos);
        self.check_next(&Token::Char(b'{'));
        let mut fields = Vec::new();
        while self.token != Token::Char(b'}') && self.cut.is_none() {
            self.table_field(&mut fields);
            if !(self.test_next(&Token::Char(b',')) || self.test_next(&Token::Char(b';'))) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line);
        Expr {
            kind: ExprKind::Table(fields),
            line,
            start,
            end: self.pos,
        }
    }

    /// One field of a table constructor, appended to `fields`.
    fn table_field(&mut self, fields: &mut Vec<TableField>) {
        // Taken before the look-ahead, which moves the scanner's line on.
        let (line, start) = (self.line(), self.pos);
        let named_key = matches!(self.token, Token::Name(_)) && *self.peek() == Token::Char(b'=');
        if named_key {
            self.named_field(line, fields)
        } else if self.token == Token::Char(b'[') {
            self.bracketed_field(start, fields)
        } else {
            let value = self.expr();
            fields.push(TableField::Item(value));
        }
    }

    /// `name = value`
    fn named_field(&mut self, line: u32, fields: &mut Vec<TableField>) {
        let start = self.pos;
        let key = Expr {
            kind: ExprKind::String(self.name()),
            line,
            start,
            end: self.pos,
        };
        self.next(); // '='
        let value = self.expr();
        fields.push(TableField::Keyed { start, key, value });
    }

    /// `[key] = value`
    fn bracketed_field(&mut self, start: Pos, fields: &mut Vec<TableField>) {
        self.next();
        let key = self.expr();
        self.check_next(&Token::Char(b']'));
        self.check_next(&Token::Char(b'='));
        let value = self.expr();
        fields.push(TableField::Keyed { start, key, value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(src: &str) -> String {
        match parse(src.as_bytes(), src.as_bytes()) {
            Ok(_) => panic!("{src:?} parsed"),
            Err(e) => String::from_utf8_lossy(&e.message).into_owned(),
        }
    }

    fn parses(src: &str) -> Chunk {
        parse(src.as_bytes(), b"=test")
            .unwrap_or_else(|e| panic!("{src:?}: {}", String::from_utf8_lossy(&e.message)))
    }

    /// The smallest nesting depth `n` at which `make(n)` fails to parse
    /// with PUC's overflow message (all smaller depths must parse).
    fn first_overflow(make: impl Fn(usize) -> String) -> usize {
        for n in 1..=300 {
            let src = make(n);
            if let Err(e) = parse(src.as_bytes(), b"=test") {
                assert_eq!(e.message, b"C stack overflow", "depth {n}");
                return n;
            }
        }
        panic!("no overflow up to depth 300");
    }

    /// Messages compared with `load` in lua 5.4.8 (chunk name = source).
    #[test]
    fn syntax_errors_match_puc() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"x = ", b"[string \"x = \"]:1: unexpected symbol near <eof>"),
            (b"end", b"[string \"end\"]:1: <eof> expected near 'end'"),
            (b"x = [[abc", b"[string \"x = [[abc\"]:1: unfinished long string (starting at line 1) near <eof>"),
            (b"--[[abc", b"[string \"--[[abc\"]:1: unfinished long comment (starting at line 1) near <eof>"),
            (b"x = \"abc", b"[string \"x = \"abc\"]:1: unfinished string near <eof>"),
            (b"x = \"abc\ndef\"", b"[string \"x = \"abc...\"]:1: unfinished string near '\"abc'"),
            (b"x = \"\\300\"", b"[string \"x = \"\\300\"\"]:1: decimal escape too large near '\"\\300\"'"),
            (b"x = \"\\q\"", b"[string \"x = \"\\q\"\"]:1: invalid escape sequence near '\"\\q'"),
            (b"x = \"\\xg\"", b"[string \"x = \"\\xg\"\"]:1: hexadecimal digit expected near '\"\\xg'"),
            (b"x = \"\\x", b"[string \"x = \"\\x\"]:1: hexadecimal digit expected near '\"\\x'"),
            (b"x = \"\\u{110000000}\"", b"[string \"x = \"\\u{110000000}\"\"]:1: UTF-8 value too large near '\"\\u{110000000'"),
            (b"x = \"\\u{12\"", b"[string \"x = \"\\u{12\"\"]:1: missing '}' near '\"\\u{12\"'"),
            (b"x = \"\\u12\"", b"[string \"x = \"\\u12\"\"]:1: missing '{' near '\"\\u1'"),
            (b"x = 3x", b"[string \"x = 3x\"]:1: malformed number near '3x'"),
            (b"x = 0x", b"[string \"x = 0x\"]:1: malformed number near '0x'"),
            (b"x = 1e+", b"[string \"x = 1e+\"]:1: malformed number near '1e+'"),
            (b"x = 1..2", b"[string \"x = 1..2\"]:1: malformed number near '1..2'"),
            (b"x = [=abc", b"[string \"x = [=abc\"]:1: invalid long string delimiter near '[='"),
            (b"local x <foo> = 1", b"[string \"local x <foo> = 1\"]:1: unknown attribute 'foo'"),
            (b"local x <close>, y <close>", b"[string \"local x <close>, y <close>\"]:1: multiple to-be-closed variables in local list"),
            (b"function f() return ... end", b"[string \"function f() return ... end\"]:1: cannot use '...' outside a vararg function near '...'"),
            (b"x = ", b"[string \"x = \"]:1: unexpected symbol near <eof>"),
            (b"x = \xc8", b"[string \"x = \xc8\"]:1: unexpected symbol near '<\\200>'"),
            (b"x = '\x00abc' y", b"[string \"x = '\"]:1: syntax error near <eof>"),
            (b"do\n\nx = 1", b"[string \"do...\"]:3: 'end' expected (to close 'do' at line 1) near <eof>"),
            (b"function f()\n", b"[string \"function f()...\"]:2: 'end' expected (to close 'function' at line 1) near <eof>"),
            (b"for i do", b"[string \"for i do\"]:1: '=' or 'in' expected near 'do'"),
            (b"local function", b"[string \"local function\"]:1: <name> expected near <eof>"),
            (b"a.b:c = 1", b"[string \"a.b:c = 1\"]:1: function arguments expected near '='"),
            (b"(a) = 1", b"[string \"(a) = 1\"]:1: syntax error near '='"),
            (b"x", b"[string \"x\"]:1: syntax error near <eof>"),
            (b"a:b.c()", b"[string \"a:b.c()\"]:1: function arguments expected near '.'"),
            (b"goto 1", b"[string \"goto 1\"]:1: <name> expected near '1'"),
            (b"::a", b"[string \"::a\"]:1: '::' expected near <eof>"),
            (b"x = {a=1,", b"[string \"x = {a=1,\"]:1: unexpected symbol near <eof>"),
            (b"x = y z", b"[string \"x = y z\"]:1: syntax error near <eof>"),
            (b"x = [==[a]]\n\nb", b"[string \"x = [==[a]]...\"]:3: unfinished long string (starting at line 1) near <eof>"),
            (b"x = 1 [[abc\ndef]]", b"[string \"x = 1 [[abc...\"]:2: unexpected symbol near '[[abc\ndef]]'"),
            (b"f(\n1", b"[string \"f(...\"]:2: ')' expected (to close '(' at line 1) near <eof>"),
            (b"return return", b"[string \"return return\"]:1: unexpected symbol near 'return'"),
            (b"local 1", b"[string \"local 1\"]:1: <name> expected near '1'"),
            (b"if x then else elseif", b"[string \"if x then else elseif\"]:1: 'end' expected near 'elseif'"),
            (b"x = '\\z  \n  abc", b"[string \"x = '\\z  ...\"]:2: unfinished string near <eof>"),
            (b"a, b() = 1", b"[string \"a, b() = 1\"]:1: syntax error near '='"),
            (b"x = 'a\\\n", b"[string \"x = 'a\\...\"]:2: unfinished string near <eof>"),
            (b"x = function(a, 1) end", b"[string \"x = function(a, 1) end\"]:1: <name> or '...' expected near '1'"),
            (b"x = #", b"[string \"x = #\"]:1: unexpected symbol near <eof>"),
            (b"x = a.", b"[string \"x = a.\"]:1: <name> expected near <eof>"),
            (b"repeat x = 1", b"[string \"repeat x = 1\"]:1: 'until' expected near <eof>"),
            (b"while 1 do", b"[string \"while 1 do\"]:1: 'end' expected near <eof>"),
            (b"for a,b = 1", b"[string \"for a,b = 1\"]:1: 'in' expected near '='"),
            (b"for a.b", b"[string \"for a.b\"]:1: '=' or 'in' expected near '.'"),
            (b"x = '\\u{}'", b"[string \"x = '\\u{}'\"]:1: hexadecimal digit expected near ''\\u{}'"),
            (b"x = 0x1p", b"[string \"x = 0x1p\"]:1: malformed number near '0x1p'"),
            (b"x=.5e", b"[string \"x=.5e\"]:1: malformed number near '.5e'"),
            (b"x = 5 \r\n\r\n y", b"[string \"x = 5 \r...\"]:3: syntax error near <eof>"),
            (b"x = 'a\\tb' 'c'", b"[string \"x = 'a\\tb' 'c'\"]:1: unexpected symbol near ''c''"),
            (b"x = 1 'a\\tb'", b"[string \"x = 1 'a\\tb'\"]:1: unexpected symbol near ''a\tb''"),
            (b"x = 1 [==[\nabc]==]", b"[string \"x = 1 [==[...\"]:2: unexpected symbol near '[==[abc]==]'"),
            (b"x = 1 [==[\r\nabc\n\rdef]==]", b"[string \"x = 1 [==[\r...\"]:3: unexpected symbol near '[==[abc\ndef]==]'"),
            (b"return 1; x = 1", b"[string \"return 1; x = 1\"]:1: <eof> expected near 'x'"),
            (b"return 1;;", b"[string \"return 1;;\"]:1: <eof> expected near ';'"),
            (b"x = 1 y", b"[string \"x = 1 y\"]:1: syntax error near <eof>"),
            (b"local x <const> = 1 2", b"[string \"local x <const> = 1 2\"]:1: unexpected symbol near '2'"),
            (b"f{a=1 2}", b"[string \"f{a=1 2}\"]:1: '}' expected near '2'"),
            (b"f{a 1}", b"[string \"f{a 1}\"]:1: '}' expected near '1'"),
            (b"x = {[1] 2}", b"[string \"x = {[1] 2}\"]:1: '=' expected near '2'"),
            (b"f 'a' 'b' {} z", b"[string \"f 'a' 'b' {} z\"]:1: syntax error near <eof>"),
            (b"a.b.c:d 1", b"[string \"a.b.c:d 1\"]:1: function arguments expected near '1'"),
            (b"x = a:b", b"[string \"x = a:b\"]:1: function arguments expected near <eof>"),
            (b"x = 1\n+\n", b"[string \"x = 1...\"]:3: unexpected symbol near <eof>"),
            (b"x = -", b"[string \"x = -\"]:1: unexpected symbol near <eof>"),
            (b"x = 1 +", b"[string \"x = 1 +\"]:1: unexpected symbol near <eof>"),
            (b"for i = 1, 2 do", b"[string \"for i = 1, 2 do\"]:1: 'end' expected near <eof>"),
            (b"for i = 1 2", b"[string \"for i = 1 2\"]:1: ',' expected near '2'"),
            (b"if x then", b"[string \"if x then\"]:1: 'end' expected near <eof>"),
            (b"if x", b"[string \"if x\"]:1: 'then' expected near <eof>"),
            (b"if x then elseif y", b"[string \"if x then elseif y\"]:1: 'then' expected near <eof>"),
            (b"function a.b:c.d() end", b"[string \"function a.b:c.d() end\"]:1: '(' expected near '.'"),
            (b"function a:", b"[string \"function a:\"]:1: <name> expected near <eof>"),
            (b"local function f(", b"[string \"local function f(\"]:1: <name> or '...' expected near <eof>"),
            (b"local function f() return function(...) return ... end, ... end", b"[string \"local function f() return function(...) retur...\"]:1: cannot use '...' outside a vararg function near '...'"),
            (b"f(", b"[string \"f(\"]:1: unexpected symbol near <eof>"),
            (b"f(1,", b"[string \"f(1,\"]:1: unexpected symbol near <eof>"),
            (b"x = {", b"[string \"x = {\"]:1: unexpected symbol near <eof>"),
            (b"x = {1,", b"[string \"x = {1,\"]:1: unexpected symbol near <eof>"),
            (b"x = {,}", b"[string \"x = {,}\"]:1: unexpected symbol near ','"),
            (b"goto", b"[string \"goto\"]:1: <name> expected near <eof>"),
            (b"break x", b"[string \"break x\"]:1: syntax error near <eof>"),
            (b"local x <", b"[string \"local x <\"]:1: <name> expected near <eof>"),
            (b"local x <const", b"[string \"local x <const\"]:1: '>' expected near <eof>"),
            (b"local x <const> <close>", b"[string \"local x <const> <close>\"]:1: unexpected symbol near '<'"),
            (b"local x, <const>", b"[string \"local x, <const>\"]:1: <name> expected near '<'"),
            (b"local function 1", b"[string \"local function 1\"]:1: <name> expected near '1'"),
            (b"x = 1e", b"[string \"x = 1e\"]:1: malformed number near '1e'"),
            (b"x = not", b"[string \"x = not\"]:1: unexpected symbol near <eof>"),
            (b"x = ~", b"[string \"x = ~\"]:1: unexpected symbol near <eof>"),
            (b"\"abc\"", b"[string \"\"abc\"\"]:1: unexpected symbol near '\"abc\"'"),
            (b"1 = 2", b"[string \"1 = 2\"]:1: unexpected symbol near '1'"),
            (b"x.y", b"[string \"x.y\"]:1: syntax error near <eof>"),
            (b"x[1]", b"[string \"x[1]\"]:1: syntax error near <eof>"),
            (b"x:y", b"[string \"x:y\"]:1: function arguments expected near <eof>"),
            (b"x = 1 =", b"[string \"x = 1 =\"]:1: unexpected symbol near '='"),
            (b"--[=[ x\n y\n", b"[string \"--[=[ x...\"]:3: unfinished long comment (starting at line 1) near <eof>"),
            (b"-- comment\n x", b"[string \"-- comment...\"]:2: syntax error near <eof>"),
            (b"x = 1..2", b"[string \"x = 1..2\"]:1: malformed number near '1..2'"),
            (b"x = 0x..", b"[string \"x = 0x..\"]:1: malformed number near '0x..'"),
            (b"x = 1e10e", b"[string \"x = 1e10e\"]:1: malformed number near '1e10e'"),
            (b"x = 'abc\\", b"[string \"x = 'abc\\\"]:1: unfinished string near <eof>"),
            (b"x = \"\\u{80000000}\"", b"[string \"x = \"\\u{80000000}\"\"]:1: UTF-8 value too large near '\"\\u{80000000'"),
            (b"x = '\\256'", b"[string \"x = '\\256'\"]:1: decimal escape too large near ''\\256''"),
            (b"x = '\\'", b"[string \"x = '\\'\"]:1: unfinished string near <eof>"),
            (b"\xff", b"[string \"\xff\"]:1: unexpected symbol near '<\\255>'"),
            (b"\n\n  @", b"[string \"...\"]:3: unexpected symbol near '@'"),
            (b"x = 1\n\n\n\n\n~= ", b"[string \"x = 1...\"]:6: unexpected symbol near <eof>"),
        ];
        for &(src, expected) in cases {
            let error = parse(src, src).expect_err(&String::from_utf8_lossy(src));
            assert_eq!(
                String::from_utf8_lossy(&error.message),
                String::from_utf8_lossy(expected),
                "source {:?}",
                String::from_utf8_lossy(src)
            );
            assert_eq!(error.incomplete, expected.ends_with(b"<eof>"), "{src:?}");
        }
    }

    /// The first error becomes the chunk's cut; the statements before it
    /// stay, the one it interrupts is completed past the cut.
    #[test]
    fn first_error_cuts_the_tree() {
        let chunk = parse_prefix(b"x = 1\ny = = 2\nz = 3", b"=t");
        let cut = chunk.cut.as_ref().expect("a cut");
        assert_eq!(cut.error.message, b"t:2: unexpected symbol near '='");
        // Tokens: x = 1 y = = → the second `=` is at 5.
        assert_eq!((cut.pos, cut.compile_first), (5, true));
        assert_eq!(chunk.block.stats.len(), 2);
        let StatKind::Assign { targets, exprs } = &chunk.block.stats[1].kind else {
            panic!("assignment expected");
        };
        assert_eq!((targets[0].end, exprs[0].start, exprs[0].end), (4, 5, 6));
        assert_eq!((chunk.block.end, chunk.eof), (6, 6));

        // A lexical error: the token never becomes current.
        let chunk = parse_prefix(b"x = 3x", b"=t");
        let cut = chunk.cut.as_ref().expect("a cut");
        assert_eq!((cut.pos, cut.compile_first), (2, false));
        // The parser's own checks come before any code for their token.
        let chunk = parse_prefix(b"local a <foo> = 1", b"=t");
        let cut = chunk.cut.as_ref().expect("a cut");
        assert_eq!(cut.error.message, b"t:1: unknown attribute 'foo'");
        assert_eq!((cut.pos, cut.compile_first), (5, false));
        // No error: no cut. The `1` reaches the end of the text: with more
        // text it could be another number.
        let chunk = parse_prefix(b"return 1", b"=t");
        assert!(chunk.cut.is_none());
        assert_eq!((chunk.eof, chunk.partial_from), (2, 1));
    }

    /// PUC's `lastline` for each token: the line where the token before it
    /// ends, or its own after a look-ahead (a table field's name).
    #[test]
    fn lastlines_follow_puc() {
        let chunk = parses("f(\n1\n)\nt = {\nx\n= 1}");
        // f ( 1 ) t = { x = 1 } <eof>: consuming `x` after looking at
        // the `=` gives the `=` the line of the `=`.
        assert_eq!(chunk.lastlines, [1, 1, 1, 2, 3, 4, 4, 4, 6, 6, 6, 6]);
    }

    #[test]
    fn chunk_names_stop_at_nul() {
        assert_eq!(
            error_of("x = '\0abc' y"),
            "[string \"x = '\"]:1: syntax error near <eof>"
        );
        let error = parse(b"x = = 1", b"@file.lua").unwrap_err();
        assert_eq!(error.message, b"file.lua:1: unexpected symbol near '='");
        let error = parse(b"\n\nx = = 1", b"=stdin").unwrap_err();
        assert_eq!(error.message, b"stdin:3: unexpected symbol near '='");
    }

    /// Renders an expression as a compact prefix form, to check shapes.
    fn show(expr: &Expr) -> String {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let list = |items: &[Expr]| items.iter().map(show).collect::<Vec<_>>().join(" ");
        match &expr.kind {
            ExprKind::Nil => "nil".into(),
            ExprKind::True => "true".into(),
            ExprKind::False => "false".into(),
            ExprKind::Vararg => "...".into(),
            ExprKind::Integer(i) => format!("{i}"),
            ExprKind::Number(f) => format!("{f:?}"),
            ExprKind::String(s) => format!("{:?}", text(s)),
            ExprKind::Function(f) => format!("(function {})", f.params.len()),
            ExprKind::Table(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| match f {
                        TableField::Keyed { key, value, .. } => {
                            format!("[{}]={}", show(key), show(value))
                        }
                        TableField::Item(value) => show(value),
                    })
                    .collect();
                format!("{{{}}}", fields.join(" "))
            }
            ExprKind::Binary { op, lhs, rhs } => format!("({op:?} {} {})", show(lhs), show(rhs)),
            ExprKind::Unary { op, operand } => format!("({op:?} {})", show(operand)),
            ExprKind::Name(n) => text(n),
            ExprKind::Index { obj, key } => format!("{}[{}]", show(obj), show(key)),
            ExprKind::Call { func, args } => format!("(call {} {})", show(func), list(args)),
            ExprKind::MethodCall { obj, method, args } => {
                format!("(method {} {} {})", show(obj), text(method), list(args))
            }
            ExprKind::Paren(inner) => format!("(paren {})", show(inner)),
        }
    }

    /// The shape of the expression in `return <src>`.
    fn shape(src: &str) -> String {
        let chunk = parses(&format!("return {src}"));
        let ret = chunk.block.ret.as_ref().expect("a return");
        ret.exprs.iter().map(show).collect::<Vec<_>>().join(", ")
    }

    #[test]
    fn precedence_and_associativity() {
        let cases = [
            ("1 + 2 * 3", "(Add 1 (Mul 2 3))"),
            ("1 * 2 + 3", "(Add (Mul 1 2) 3)"),
            ("1 - 2 - 3", "(Sub (Sub 1 2) 3)"),
            ("a .. b .. c", "(Concat a (Concat b c))"),
            ("a ^ b ^ c", "(Pow a (Pow b c))"),
            ("-x ^ 2", "(Neg (Pow x 2))"),
            ("2 ^ -3", "(Pow 2 (Neg 3))"),
            ("-2 ^ -3 ^ 4", "(Neg (Pow 2 (Neg (Pow 3 4))))"),
            ("not a == b", "(Eq (Not a) b)"),
            ("a or b and c", "(Or a (And b c))"),
            ("a and b or c and d", "(Or (And a b) (And c d))"),
            ("a < b == c", "(Eq (Lt a b) c)"),
            ("a | b ~ c & d", "(BOr a (BXor b (BAnd c d)))"),
            ("a << 1 .. 2", "(Shl a (Concat 1 2))"),
            ("1 .. 2 + 3", "(Concat 1 (Add 2 3))"),
            ("a // b % c / d", "(Div (Mod (IDiv a b) c) d)"),
            ("~a ~ ~b", "(BXor (BNot a) (BNot b))"),
            ("#t + 1", "(Add (Len t) 1)"),
            (
                "a >= b, a > b, a <= b, a ~= b",
                "(Ge a b), (Gt a b), (Le a b), (Ne a b)",
            ),
            ("- - x", "(Neg (Neg x))"),
            ("(a)", "(paren a)"),
            ("a.b.c", "a[\"b\"][\"c\"]"),
            ("a[1][b]", "a[1][b]"),
            ("f(1)(2)", "(call (call f 1) 2)"),
            ("f 'x' {1} ()", "(call (call (call f \"x\") {1}) )"),
            ("o:m(1, 2)", "(method o m 1 2)"),
            ("o:m'x'", "(method o m \"x\")"),
            ("a.b:c{}.d", "(method a[\"b\"] c {})[\"d\"]"),
            ("{1, x = 2, [3] = 4; 5,}", "{1 [\"x\"]=2 [3]=4 5}"),
            ("{f = function(a, b) end}", "{[\"f\"]=(function 2)}"),
            ("...", "..."),
            ("nil, true, false", "nil, true, false"),
        ];
        for (src, expected) in cases {
            assert_eq!(shape(src), expected, "{src}");
        }
    }

    #[test]
    fn literal_values() {
        let cases = [
            ("0xffffffffffffffff", "-1"),
            ("9223372036854775807", "9223372036854775807"),
            ("9223372036854775808", "9.223372036854776e18"),
            ("1e308 * 10", "(Mul 1e308 10)"),
            ("1e309", "inf"),
            ("0x.1p4", "1.0"),
            ("0xA", "10"),
            ("3.0", "3.0"),
            ("'\\65\\x42\\u{43}'", "\"ABC\""),
            ("[==[\nline]==]", "\"line\""),
        ];
        for (src, expected) in cases {
            assert_eq!(shape(src), expected, "{src}");
        }
    }

    #[test]
    fn statements() {
        let chunk = parses(
            "local a <const>, b <close>, c = 1\n\
             local function f(x, ...) return ... end\n\
             function t.a.b:m(y) return self end\n\
             for i = 1, 10, 2 do end\n\
             for k, v in pairs(t) do break end\n\
             while x do x = x - 1 end\n\
             repeat local z until z\n\
             if a then elseif b then else end\n\
             do goto done end ::done:: ;;\n\
             a, b.c, d[1] = 1, 2\n\
             f()\n\
             return 1;",
        );
        let kinds: Vec<&StatKind> = chunk.block.stats.iter().map(|s| &s.kind).collect();
        let lines: Vec<u32> = chunk.block.stats.iter().map(|s| s.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11]);
        match kinds[0] {
            StatKind::Local { names, exprs } => {
                let attribs: Vec<Attrib> = names.iter().map(|n| n.1).collect();
                assert_eq!(attribs, [Attrib::Const, Attrib::Close, Attrib::None]);
                assert_eq!(exprs.len(), 1);
            }
            other => panic!("{other:?}"),
        }
        match kinds[1] {
            StatKind::LocalFunction { name, func } => {
                assert_eq!(&**name, b"f");
                assert_eq!(func.params.len(), 1);
                assert!(func.is_vararg && !func.is_method);
            }
            other => panic!("{other:?}"),
        }
        match kinds[2] {
            StatKind::Function { name, func } => {
                assert_eq!(&*name.base, b"t");
                let fields: Vec<&[u8]> = name.fields.iter().map(|f| &*f.0).collect();
                assert_eq!(fields, [b"a", b"b"]);
                assert_eq!(name.method.as_ref().map(|m| &*m.0), Some(&b"m"[..]));
                assert!(func.is_method && !func.is_vararg);
                assert_eq!((func.line, func.end_line), (3, 3));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            kinds[3],
            StatKind::NumericFor { step: Some(_), .. }
        ));
        assert!(matches!(kinds[4], StatKind::GenericFor { names, .. } if names.len() == 2));
        assert!(matches!(kinds[5], StatKind::While { .. }));
        assert!(matches!(kinds[6], StatKind::Repeat { .. }));
        assert!(
            matches!(kinds[7], StatKind::If { branches, else_block: Some(_) } if branches.len() == 2)
        );
        assert!(matches!(kinds[8], StatKind::Do(_)));
        assert!(matches!(kinds[9], StatKind::Label { name, .. } if &**name == b"done"));
        assert!(
            matches!(kinds[10], StatKind::Assign { targets, exprs } if targets.len() == 3 && exprs.len() == 2)
        );
        assert!(matches!(kinds[11], StatKind::Call(_)));
        let ret = chunk.block.ret.as_ref().expect("return");
        assert_eq!((ret.line, ret.exprs.len()), (12, 1));
    }

    #[test]
    fn lines_follow_puc() {
        let chunk = parses("local x = a\n+\nb\nf\n(\n1)\nt = {\n}\ny = t\n.k\n[\n2\n]\nreturn\n\n");
        let value = |i: usize| match &chunk.block.stats[i].kind {
            StatKind::Local { exprs, .. } | StatKind::Assign { exprs, .. } => &exprs[0],
            StatKind::Call(call) => call,
            other => panic!("{other:?}"),
        };
        // Binary operators take the operator's line.
        assert_eq!(value(0).line, 2);
        // A call takes the line of its `(`; the statement starts at `f`.
        assert_eq!((chunk.block.stats[1].line, value(1).line), (4, 5));
        // A table takes the line of its `{`.
        assert_eq!(value(2).line, 7);
        // Indexing takes the line where the key ends.
        let ExprKind::Index { obj, .. } = &value(3).kind else {
            panic!("index expected");
        };
        assert_eq!((obj.line, value(3).line), (10, 13));
        assert_eq!(chunk.block.ret.as_ref().map(|r| r.line), Some(14));
        // return ; <eof>: the block ends at `<eof>`, whose lastline is 14.
        assert_eq!((chunk.block.end, chunk.eof), (23, 23));
        assert_eq!(chunk.lastline(chunk.eof), 14);

        let chunk = parses("local f = function\n(a)\nend\ngoto\nlabel\n");
        let StatKind::Local { exprs, .. } = &chunk.block.stats[0].kind else {
            panic!("local expected");
        };
        let ExprKind::Function(body) = &exprs[0].kind else {
            panic!("function expected");
        };
        // PUC's `linedefined` for a function expression is the line of `(`.
        assert_eq!((exprs[0].line, body.line, body.end_line), (1, 2, 3));
        // A goto's line is its label name's.
        assert_eq!(chunk.block.stats[1].line, 5);

        // A named table key keeps its own line despite the look-ahead.
        let chunk = parses("t = {\nx\n=\n1}");
        let StatKind::Assign { exprs, .. } = &chunk.block.stats[0].kind else {
            panic!("assignment expected");
        };
        let ExprKind::Table(fields) = &exprs[0].kind else {
            panic!("table expected");
        };
        let TableField::Keyed { key, value, .. } = &fields[0] else {
            panic!("keyed field expected");
        };
        assert_eq!((exprs[0].line, key.line, value.line), (1, 2, 4));
    }

    #[test]
    fn varargs_follow_their_function() {
        parses("return ...");
        parses("local function f(...) return function(...) return ... end end");
        assert_eq!(
            error_of("local function f(...) return function() return ... end end"),
            "[string \"local function f(...) return function() retur...\"]:1: \
             cannot use '...' outside a vararg function near '...'"
        );
    }

    /// A deterministic pseudo-random generator (xorshift).
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn no_panic_on_garbage_or_truncation() {
        let program = "local t <const> = {1, 2.5, 0x1p4, 'a\\n', [[x]], k = function(...) return ... end}\n\
                       for i = 1, #t do t[i] = -t[i] ^ 2 .. '' end ::l:: goto l\n\
                       while a and b or not c do repeat local x <close> = f(a, b):m{} until x end\n\
                       if a // b >= c then elseif d then else end return a.b.c[d]";
        parses(program);
        let bytes = program.as_bytes();
        for cut in 0..bytes.len() {
            let _ = parse(&bytes[..cut], b"=t");
        }
        let alphabet: &[u8] = b"()[]{}=.,;:'\"-+*/^#~<>\\\n\r 0x1e9azendlocalfunctionreturn\0\xff";
        let mut random = Random(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let len = random.below(40);
            let garbage: Vec<u8> = (0..len)
                .map(|_| alphabet[random.below(alphabet.len())])
                .collect();
            let _ = parse(&garbage, b"=t");
            let mut mutated = bytes.to_vec();
            let at = random.below(mutated.len());
            mutated[at] = random.next() as u8;
            let _ = parse(&mutated, b"=t");
        }
    }

    #[test]
    fn nesting_fails_where_puc_fails() {
        // Depths measured with lua 5.4.8's `load`.
        let rep = |s: &str, n: usize| s.repeat(n);
        assert_eq!(
            first_overflow(|n| format!("x={}1{}", rep("(", n), rep(")", n))),
            196
        );
        assert_eq!(
            first_overflow(|n| format!("{}{}", rep("do ", n), rep("end ", n))),
            198
        );
        assert_eq!(
            first_overflow(|n| format!("x={}{}", rep("{", n), rep("}", n))),
            197
        );
        assert_eq!(first_overflow(|n| format!("x={}a", rep("a..", n))), 196);
        assert_eq!(first_overflow(|n| format!("x={}a", rep("a^", n))), 196);
        assert_eq!(
            first_overflow(|n| format!("x={}{}", rep("f(", n), rep(")", n))),
            197
        );
        assert_eq!(
            first_overflow(|n| format!("{}{}", rep("while a do ", n), rep("end ", n))),
            197
        );
        assert_eq!(
            first_overflow(|n| format!("{}{}", rep("if a then else ", n), rep("end ", n))),
            197
        );
        assert_eq!(
            first_overflow(|n| format!("{}{}", rep("function foo() ", n), rep("end ", n))),
            198
        );
        assert_eq!(first_overflow(|n| format!("{}a=1", rep("a,", n))), 196);
        assert_eq!(first_overflow(|n| format!("x={}1", rep("not ", n))), 196);
        assert_eq!(first_overflow(|n| format!("x={}1", rep("- ", n))), 196);
        assert_eq!(
            first_overflow(|n| format!("{}{}", rep("repeat ", n), rep("until 1 ", n))),
            197
        );
        assert_eq!(
            first_overflow(|n| format!("x={}1{}", rep("a[", n), rep("]", n))),
            196
        );
        assert_eq!(
            first_overflow(|n| format!("x={}1{}", rep("{a=", n), rep("}", n))),
            196
        );
        // Consecutive labels nest in PUC (each parses the next one).
        assert_eq!(
            first_overflow(|n| (0..n).map(|i| format!("::l{i}:: ")).collect()),
            198
        );
        assert_eq!(
            first_overflow(|n| format!("x={}{}", rep("function() return ", n), rep("end ", n))),
            99
        );
    }

    #[test]
    fn official_suite_nesting_checks() {
        // From the official tests (errors.lua): 100 levels load, 500 fail.
        let rep = |s: &str, n: usize| s.repeat(n);
        let shapes: [fn(usize) -> String; 10] = [
            |n| format!("x={}1{}", "(".repeat(n), ")".repeat(n)),
            |n| format!("x={}{}", "{".repeat(n), "}".repeat(n)),
            |n| format!("x={}a", "a..".repeat(n)),
            |n| format!("x={}a", "a^".repeat(n)),
            |n| format!("x={}{}", "f(".repeat(n), ")".repeat(n)),
            |n| format!("{}{}", "do ".repeat(n), "end ".repeat(n)),
            |n| format!("{}{}", "while a do ".repeat(n), "end ".repeat(n)),
            |n| format!("{}{}", "if a then else ".repeat(n), "end ".repeat(n)),
            |n| format!("{}{}", "function foo() ".repeat(n), "end ".repeat(n)),
            |n| format!("{}a=1", "a,".repeat(n)),
        ];
        for make in shapes {
            parses(&make(100));
            let deep = make(500);
            let error = parse(deep.as_bytes(), b"=test").unwrap_err();
            assert_eq!(error.message, b"C stack overflow");
            assert!(!error.incomplete);
        }
        let _ = rep;
    }

    /// The nesting shapes that cost the most Rust stack per level parse up
    /// to the limit on a test thread (2 MiB, debug build) and fail cleanly
    /// beyond. (PUC rejects most of them earlier, in code generation.)
    #[test]
    fn deepest_shapes_fit_the_stack() {
        let shapes: [fn(usize) -> String; 6] = [
            |n| format!("x={}{}", "f{".repeat(n), "}".repeat(n)),
            |n| format!("x={}{}", "a:b(".repeat(n), ")".repeat(n)),
            |n| format!("x={}1{}", "{[".repeat(n), "]=1}".repeat(n)),
            |n| format!("{}{}", "while a do local x ".repeat(n), "end ".repeat(n)),
            |n| {
                format!(
                    "{}{}",
                    "if a then elseif b then ".repeat(n),
                    "end ".repeat(n)
                )
            },
            |n| format!("{}{}", "local function f() ".repeat(n), "end ".repeat(n)),
        ];
        for make in shapes {
            parses(&make(190));
            let error = parse(make(1000).as_bytes(), b"=test").unwrap_err();
            assert_eq!(error.message, b"C stack overflow");
        }
    }

    /// PUC counts local variables while parsing (200 per function in
    /// scope, hidden `for` variables included) and reports the excess
    /// before any later syntax error. Expected texts from lua 5.4.8.
    #[test]
    fn local_variable_limit_matches_puc() {
        let names = |n: usize| {
            (1..=n)
                .map(|i| format!("a{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let main = "too many local variables (limit is 200) in main function near";
        let function = "too many local variables (limit is 200) in function at line 1 near";
        let cases = [
            (format!("local {}", names(200)), None),
            (
                format!("local {}", names(201)),
                Some(format!("{main} <eof>")),
            ),
            (
                format!("local {} = 1", names(201)),
                Some(format!("{main} '='")),
            ),
            (
                format!("function foo ()\n  local {}, b\n", names(300)),
                Some(format!("{function} ','")),
            ),
            (format!("local {}; for i = 1, 2 do end", names(196)), None),
            (
                format!("local {}; for i = 1, 2 do end", names(197)),
                Some(format!("{main} '='")),
            ),
            (
                format!("local {}; for k, v in x do end", names(195)),
                Some(format!("{main} 'in'")),
            ),
            (format!("local {}; for k, v in x do end", names(194)), None),
            (
                format!("local {}; for k, v, w in x do end", names(194)),
                Some(format!("{main} 'in'")),
            ),
            (
                format!("local {}; do local b end local c", names(199)),
                None,
            ),
            (
                format!("local {}; do local b end local c, d", names(199)),
                Some(format!("{main} <eof>")),
            ),
            (format!("function f({}) end", names(200)), None),
            (
                format!("function t:f({}) end", names(200)),
                Some(format!("{function} ')'")),
            ),
            (
                format!("local x = function({}) local b, c end", names(199)),
                Some(format!("{function} 'end'")),
            ),
            (
                format!("local {}; repeat local b, c until b", names(199)),
                Some(format!("{main} 'until'")),
            ),
            (
                format!("local {}; while x do local b end local d, e", names(199)),
                Some(format!("{main} <eof>")),
            ),
        ];
        for (src, expected) in cases {
            let result = parse(src.as_bytes(), b"=t");
            match (result, expected) {
                (Ok(_), None) => {}
                (Err(error), Some(expected)) => {
                    let message = String::from_utf8_lossy(&error.message);
                    let message = message.split_once(": ").map_or("", |(_, m)| m);
                    assert_eq!(message, expected, "{src}");
                }
                (result, expected) => panic!("{src}: {:?} vs {expected:?}", result.err()),
            }
        }
    }

    #[test]
    fn long_left_chains_parse_and_drop() {
        const N: usize = 100_000;
        let sum = format!("x = 1{}", "+1".repeat(N));
        parses(&sum);
        let fields = format!("x = a{}", ".b".repeat(N));
        parses(&fields);
        let calls = format!("f{}", "()".repeat(N));
        parses(&calls);
        let methods = format!("o{}", ":m()".repeat(N));
        parses(&methods);
        let indexes = format!("x = a{}", "[1]".repeat(N));
        parses(&indexes);
        let mixed = format!("x = 1{}", "*2-3//4".repeat(N / 3));
        parses(&mixed);
        let items = format!("x = {{{}}}", "1,".repeat(N));
        parses(&items);
        let statements = "x = 1\n".repeat(N);
        assert_eq!(parses(&statements).block.stats.len(), N);
    }
}
