//! saturn-vm: the core of Saturn, a Lua 5.4 virtual machine in safe Rust.
//!
//! See `DESIGN.md` §1 for the module map: one concern per module.
#![forbid(unsafe_code)]

pub mod arith;
pub mod ast;
pub mod bytecode;
pub mod chunk;
pub mod closure;
pub mod compile;
pub mod debug_info;
pub mod error;
pub mod executor;
pub mod gc;
pub mod hook;
pub mod host;
pub mod interp;
pub mod lex;
pub mod memory;
pub mod meta;
pub mod number;
pub mod parse;
pub mod state;
pub mod string;
pub mod table;
pub mod thread;
pub mod traceback;
pub mod transfer;
pub mod userdata;
pub mod value;
#[cfg(test)]
mod vm_tests;
