//! Differential fuzzing: random Lua 5.4 programs run under Saturn and the
//! reference interpreter; any difference is minimised into a reproducer.
//!
//! - [`rng`]: the seeded generator everything derives from;
//! - [`literals`]: the values and patterns programs are made of;
//! - [`ast`]: the program tree and its rendering;
//! - [`generate`]: seed → program;
//! - [`runner`]: program → verdict (Saturn against the reference);
//! - [`minimise`]: failing program → small failing program;
//! - [`campaign`]: many seeds → summary of distinct findings.

pub mod ast;
pub mod campaign;
pub mod generate;
pub mod literals;
pub mod minimise;
pub mod rng;
pub mod runner;
