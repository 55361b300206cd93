//! Saturn: a Lua 5.4 virtual machine in safe Rust.
#![forbid(unsafe_code)]

pub use saturn_vm as vm;
