//! saturn-stdlib: the Lua 5.4 standard library for Saturn.
//!
//! One module per library, each with an `open` function that installs it
//! in a state and registers it in `package.loaded` (so error messages can
//! name functions such as `coroutine.resume`, as PUC's `luaL_argerror`
//! does). Helpers shared by the libraries live beside them: [`args`]
//! checks arguments with PUC's messages, [`results`] shapes what a native
//! returns, [`tostring`] converts values to text honouring `__tostring` and
//! `__name`, [`lookup`] indexes values honouring `__index`, and [`order`]
//! compares them as `<` does (calling `__lt` through the executor).
#![forbid(unsafe_code)]

pub mod args;
pub mod base;
mod buffer;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod lookup;
pub mod math;
pub mod order;
pub mod os;
pub mod package;
mod register;
pub mod results;
pub mod string;
pub mod table;
pub mod tostring;
pub mod utf8;

use saturn_vm::state::Context;

pub use register::{loaded_table, set_functions};

/// Opens the base library (`print`, `pcall`, `load`, ...) into the globals.
pub fn open_base(ctx: Context<'_>) {
    base::open(ctx);
}

/// Opens the `coroutine` library.
pub fn open_coroutine(ctx: Context<'_>) {
    coroutine::open(ctx);
}

/// Opens the `string` library and the metatable of strings.
pub fn open_string(ctx: Context<'_>) {
    string::open(ctx);
}

/// Opens the `debug` library.
pub fn open_debug(ctx: Context<'_>) {
    debug::open(ctx);
}

/// Opens the package library (`require`, `package`).
pub fn open_package(ctx: Context<'_>) {
    package::open(ctx);
}

/// Opens the `io` library.
pub fn open_io(ctx: Context<'_>) {
    io::open(ctx);
}

/// Opens the `os` library.
pub fn open_os(ctx: Context<'_>) {
    os::open(ctx);
}

/// Opens the `table` library.
pub fn open_table(ctx: Context<'_>) {
    table::open(ctx);
}

/// Opens the `math` library.
pub fn open_math(ctx: Context<'_>) {
    math::open(ctx);
}

/// Opens the `utf8` library.
pub fn open_utf8(ctx: Context<'_>) {
    utf8::open(ctx);
}

/// Opens every library Saturn provides.
pub fn open_libs(ctx: Context<'_>) {
    open_base(ctx);
    open_package(ctx);
    open_coroutine(ctx);
    open_string(ctx);
    open_table(ctx);
    open_math(ctx);
    open_utf8(ctx);
    open_io(ctx);
    open_os(ctx);
    open_debug(ctx);
}
