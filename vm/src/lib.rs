//! saturn-vm: the core of Saturn, a Lua 5.4 virtual machine in safe Rust.
//!
//! See `DESIGN.md` §1 for the module map: one concern per module.
#![forbid(unsafe_code)]

pub mod ast;
pub mod bytecode;
pub mod lex;
