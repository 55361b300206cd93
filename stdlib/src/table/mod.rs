//! The table library (`ltablib.c`), grouped by concern:
//!
//! - [`access`] reads, writes and measures the argument as `lua_geti`,
//!   `lua_seti` and `luaL_len` do (honouring `__index`, `__newindex`,
//!   `__len`), handing handler calls back to the executor;
//! - [`copying`] is the element-by-element copy loop under [`edit`]'s
//!   `insert`, `remove` and `move`;
//! - [`concat`] joins elements into a string;
//! - [`pack`] holds `pack` and `unpack`;
//! - [`sort`] is PUC's quicksort as a resumable machine.
//!
//! Every function takes a raw path when its argument is a plain table and
//! calls handlers (metamethods, the sort comparator) through continuations,
//! so a coroutine may yield inside them.

pub mod access;
pub mod concat;
pub mod copying;
pub mod edit;
pub mod pack;
pub mod sort;

use saturn_vm::closure::NativeFn;
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::register::{mark_loaded, set_functions};

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("concat", concat::concat),
    ("insert", edit::insert),
    ("move", edit::move_elements),
    ("pack", pack::pack),
    ("remove", edit::remove),
    ("sort", sort::sort),
    ("unpack", pack::unpack),
];

/// Installs `table` and records it in `package.loaded`.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    ctx.set_global("table", Value::Table(library));
    mark_loaded(ctx, "table", Value::Table(library));
}
