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

use crate::ast;
use crate::bytecode::{Proto, chunk_id};
use crate::lex::SyntaxError;

pub use listing::{instruction_text, listing};

use code::FuncState;

/// Compiles a parsed chunk into the prototype of its main function.
/// `source` is the chunk name as PUC's `source` (`@file.lua`, `=stdin`, or
/// the text itself); every prototype of the chunk shares it, and compile
/// errors start with its printable form.
pub fn compile(chunk: &ast::Chunk, source: Rc<[u8]>) -> Result<Proto, SyntaxError> {
    Compiler::new(source).main_function(chunk)
}

/// Parses and compiles Lua source text (what `load` does with a string).
/// The chunk name ends at its first NUL byte, as PUC's C string does.
pub fn load_text(text: &[u8], chunkname: &[u8]) -> Result<Proto, SyntaxError> {
    let chunkname = chunkname.split(|&b| b == 0).next().unwrap_or_default();
    let chunk = crate::parse::parse(text, chunkname)?;
    compile(&chunk, Rc::from(chunkname))
}

/// The result of every compiler step that can raise a compile error.
type CResult<T> = Result<T, SyntaxError>;

/// Formats a compile error as PUC does: `chunkid:line: message`.
fn error_at(source: &[u8], line: u32, message: impl AsRef<[u8]>) -> SyntaxError {
    let mut text = chunk_id(source);
    text.extend_from_slice(format!(":{line}: ").as_bytes());
    text.extend_from_slice(message.as_ref());
    SyntaxError {
        message: text,
        incomplete: false,
    }
}

/// The state of a compilation: the function being compiled (`fs`) and the
/// functions that enclose it, outermost first.
struct Compiler {
    source: Rc<[u8]>,
    fs: FuncState,
    enclosing: Vec<FuncState>,
}

impl Compiler {
    fn new(source: Rc<[u8]>) -> Compiler {
        let fs = FuncState::new(source.clone(), 0, code::ConstantCache::default());
        Compiler {
            source,
            fs,
            enclosing: Vec::new(),
        }
    }

    fn error(&self, line: u32, message: impl AsRef<[u8]>) -> SyntaxError {
        error_at(&self.source, line, message)
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
    /// the enclosing function's notion of the current line.
    fn open_function(&mut self, line: u32) {
        let cache = std::mem::take(&mut self.fs.constant_cache);
        let mut child = FuncState::new(self.source.clone(), line, cache);
        child.line = self.fs.line;
        let parent = std::mem::replace(&mut self.fs, child);
        self.enclosing.push(parent);
        self.fs.enter_block(false);
    }

    /// Ends the current function: final return, outermost block, peephole
    /// pass. `end_line` is where PUC reports a pending `goto` without label.
    /// Returns the prototype and makes the enclosing function current.
    fn close_function(&mut self, end_line: u32) -> CResult<Proto> {
        self.finish_function_body(end_line)?;
        let parent = self
            .enclosing
            .pop()
            .ok_or_else(|| self.error(end_line, "internal error: no enclosing function"))?;
        let mut child = std::mem::replace(&mut self.fs, parent);
        self.fs.constant_cache = std::mem::take(&mut child.constant_cache);
        self.fs.line = child.line;
        child.finish()
    }

    /// The final `return` of a function and the end of its outermost block.
    fn finish_function_body(&mut self, end_line: u32) -> CResult<()> {
        let first = self.fs.nvarstack();
        self.fs.ret(first, 0);
        self.fs.leave_block(end_line)?;
        Ok(())
    }

    /// The main function: vararg, with `_ENV` as its only upvalue.
    fn main_function(mut self, chunk: &ast::Chunk) -> CResult<Proto> {
        self.fs.line = 1;
        self.fs.enter_block(false);
        self.fs.set_vararg(0);
        self.fs.add_env_upvalue();
        self.statements(&chunk.block, true)?;
        self.finish_function_body(chunk.end_line)?;
        self.fs.finish()
    }
}
