//! The code generator: AST (`ast`) → function prototypes (`bytecode`).
//!
//! It produces the code PUC Lua 5.4's `lcode.c`/`lparser.c` produce — the
//! same register allocation, specialised instructions, jump lists, constant
//! folding, debug information and semantic errors — so that programs see
//! the same line numbers, variable names and error messages. Where Saturn's
//! instruction set has no equivalent for a PUC form (PUC's "flipped"
//! arithmetic with a constant first operand, `x - 1` as `ADDI x -1`), the
//! compiler chooses an equivalent instruction that calls the right
//! metamethod with the operands in source order.
//!
//! PUC generates code while it parses, so the line of an instruction and
//! the place of a compile error depend on the token its parser has read at
//! that moment. The compiler keeps a cursor on the tree's token positions
//! (`Compiler::at`) and moves it where PUC's parser would be before each
//! step: new instructions get PUC's `lastline` for that token, errors name
//! that token (`near '...'`, found by reading the source again when an
//! error is reported) and its line. When the source has a syntax error,
//! the parser gives the tree of what precedes it; a compile error that PUC
//! would meet first is reported instead of the syntax error.
//!
//! The work is split by concern:
//!
//! - `code`: one function under construction — instruction emission, line
//!   information, registers, constants, jump lists, the final peephole pass.
//! - `exp`: expression descriptors (PUC's `expdesc`) and the operations that
//!   turn them into code: discharging, storing, conditions.
//! - `operators`: unary and binary operators, with immediate and constant
//!   operands.
//! - `fold`: compile-time arithmetic on numeric constants.
//! - `scope`: local variables, blocks, labels and `goto`, upvalues and name
//!   resolution across nested functions.
//! - `expr` and `stat`: walking the AST, one expression or statement at a
//!   time. Left-associative chains are walked with loops, never recursion.
//! - `listing`: a `luac -l`-like disassembler for tests and debugging.

mod code;
mod exp;
mod expr;
mod fold;
mod listing;
mod operators;
mod scope;
mod stat;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::ast::{self, Pos};
use crate::bytecode::Proto;
use crate::lex::{Lexer, SyntaxError, Token};

pub use listing::{instruction_text, listing};

use code::FuncState;

/// Compiles a parsed chunk into the prototype of its main function.
/// `source` is the chunk name as PUC's `source` (`@file.lua`, `=stdin`, or
/// the text itself); every prototype of the chunk shares it, and compile
/// errors start with its printable form. `text` is the source text the
/// chunk was parsed from (error messages quote its tokens).
///
/// When the chunk was cut by an error ([`ast::Cut`]), the prefix is
/// compiled first: a compile error PUC would meet before the parse error
/// is reported instead of it.
pub fn compile(chunk: &ast::Chunk, source: Rc<[u8]>, text: &[u8]) -> Result<Proto, SyntaxError> {
    compile_at(chunk, source, text).map_err(|(error, _)| error)
}

/// `compile`, giving also the position of an error.
fn compile_at(
    chunk: &ast::Chunk,
    source: Rc<[u8]>,
    text: &[u8],
) -> Result<Proto, (SyntaxError, Pos)> {
    let result = Compiler::new(source.clone(), chunk).main_function(chunk);
    match (result, &chunk.cut) {
        (Err(error), Some(cut)) if cut.comes_before(error.pos) => Err((cut.error.clone(), cut.pos)),
        (Err(error), _) => Err((error.format(text, &source), error.pos)),
        (Ok(_), Some(cut)) => Err((cut.error.clone(), cut.pos)),
        (Ok(proto), None) => Ok(proto),
    }
}

/// Parses and compiles Lua source text (what `load` does with a string).
/// The chunk name ends at its first NUL byte, as PUC's C string does.
pub fn load_text(text: &[u8], chunkname: &[u8]) -> Result<Proto, SyntaxError> {
    let chunkname = chunkname.split(|&b| b == 0).next().unwrap_or_default();
    let chunk = crate::parse::parse_prefix(text, chunkname);
    compile(&chunk, Rc::from(chunkname), text)
}

/// The error that loading any source starting with `text` gives, if that
/// is already certain: PUC's `load` reads its source as it parses, so with
/// a reader function it stops at the first error, whatever would follow
/// (an endless stream of `(` fails once the nesting is too deep). The
/// error is certain when it comes before the first token that could still
/// change if more text followed.
pub fn early_error(text: &[u8], chunkname: &[u8]) -> Option<SyntaxError> {
    let chunkname = chunkname.split(|&b| b == 0).next().unwrap_or_default();
    let chunk = crate::parse::parse_read_prefix(text, chunkname);
    match compile_at(&chunk, Rc::from(chunkname), text) {
        Err((error, pos)) if pos < chunk.partial_from => Some(error),
        _ => None,
    }
}

/// A compile error, raised while the token at `pos` would be PUC's
/// current token.
#[derive(Debug)]
struct CompileError {
    pos: Pos,
    message: Vec<u8>,
    kind: ErrorKind,
}

/// How PUC raises a compile error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ErrorKind {
    /// `luaX_syntaxerror`: `chunkid:line: message near 'token'`.
    Near,
    /// `luaK_semerror`: `chunkid:line: message`.
    Semantic,
    /// A full array in the parser's memory (`luaM_growvector`), which PUC
    /// raises as a runtime error of `load`: the bare message.
    Plain,
}

impl CompileError {
    /// The message as PUC formats it: `chunkid:line: message [near 'tok']`,
    /// with the line and text of the token at `pos`, found by reading the
    /// source again up to it.
    fn format(&self, text: &[u8], chunkname: &[u8]) -> SyntaxError {
        if self.kind == ErrorKind::Plain {
            return SyntaxError {
                message: self.message.clone(),
                incomplete: false,
            };
        }
        let mut lexer = Lexer::new(text, chunkname);
        let mut token = Token::Eof;
        for _ in 0..=self.pos {
            match lexer.next_token() {
                Ok(Token::Eof) | Err(_) => {
                    token = Token::Eof;
                    break;
                }
                Ok(next) => token = next,
            }
        }
        let near = self.kind == ErrorKind::Near;
        lexer.error(&self.message, near.then_some(&token))
    }
}

/// The result of every compiler step that can raise a compile error.
type CResult<T> = Result<T, CompileError>;

/// The state of a compilation: the function being compiled (`fs`) and the
/// functions that enclose it, outermost first.
struct Compiler<'a> {
    source: Rc<[u8]>,
    fs: FuncState,
    enclosing: Vec<FuncState>,
    /// The chunk being compiled (for its line table).
    chunk: &'a ast::Chunk,
}

impl<'a> Compiler<'a> {
    fn new(source: Rc<[u8]>, chunk: &'a ast::Chunk) -> Compiler<'a> {
        let fs = FuncState::new(source.clone(), 0, code::ConstantCache::default());
        Compiler {
            source,
            fs,
            enclosing: Vec::new(),
            chunk,
        }
    }

    /// Goes on as PUC's parser would with the token at `pos` current: new
    /// instructions get its `lastline`, errors are raised at that token.
    fn at(&mut self, pos: Pos) {
        self.fs.cursor = pos;
        self.fs.line = self.chunk.lastline(pos);
    }

    /// The function at nesting `level` (0 is the main function, the
    /// current function is at `self.enclosing.len()`).
    fn level_mut(&mut self, level: usize) -> &mut FuncState {
        if level < self.enclosing.len() {
            &mut self.enclosing[level]
        } else {
            &mut self.fs
        }
    }

    /// Starts compiling a nested function defined at `line`; it continues
    /// the enclosing function's notion of the current token.
    fn open_function(&mut self, line: u32) {
        let cache = std::mem::take(&mut self.fs.constant_cache);
        let mut child = FuncState::new(self.source.clone(), line, cache);
        child.line = self.fs.line;
        child.cursor = self.fs.cursor;
        child.outer_labels = self.fs.outer_labels + self.fs.labels.len();
        child.outer_gotos = self.fs.outer_gotos + self.fs.pending_gotos.len();
        let parent = std::mem::replace(&mut self.fs, child);
        self.enclosing.push(parent);
        self.fs.enter_block(false);
    }

    /// Ends the current function (at the current token, the one after its
    /// `end`): final return, outermost block (where PUC reports a pending
    /// `goto` without label), peephole pass. Returns the prototype and
    /// makes the enclosing function current.
    fn close_function(&mut self) -> CResult<Proto> {
        self.finish_function_body()?;
        let parent = self
            .enclosing
            .pop()
            .ok_or_else(|| self.fs.error("internal error: no enclosing function"))?;
        let mut child = std::mem::replace(&mut self.fs, parent);
        self.fs.constant_cache = std::mem::take(&mut child.constant_cache);
        self.fs.line = child.line;
        self.fs.cursor = child.cursor;
        child.finish()
    }

    /// The final `return` of a function and the end of its outermost block.
    fn finish_function_body(&mut self) -> CResult<()> {
        let first = self.fs.nvarstack();
        self.fs.ret(first, 0);
        self.fs.leave_block()?;
        Ok(())
    }

    /// The main function: vararg, with `_ENV` as its only upvalue.
    fn main_function(mut self, chunk: &ast::Chunk) -> CResult<Proto> {
        self.at(0);
        self.fs.enter_block(false);
        self.fs.set_vararg(0);
        self.fs.add_env_upvalue();
        self.statements(&chunk.block)?;
        self.at(chunk.eof);
        self.finish_function_body()?;
        self.fs.finish()
    }
}
