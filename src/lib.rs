//! Saturn: a Lua 5.4 virtual machine in safe Rust.
//!
//! This facade re-exports the core (`vm`) and the standard library
//! (`stdlib`); the `saturn` binary beside it is the `lua5.4`-compatible
//! command line.
#![forbid(unsafe_code)]

pub use saturn_rings as rings;
pub use saturn_stdlib as stdlib;
pub use saturn_vm as vm;
