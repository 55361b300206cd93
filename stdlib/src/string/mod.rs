//! The string library (`lstrlib.c`), grouped by concern:
//!
//! - [`positions`] turns Lua's 1-based, possibly negative string positions
//!   into byte offsets;
//! - [`bytes`] holds `len`, `sub`, `byte`, `char`;
//! - [`transform`] holds `upper`, `lower`, `reverse`, `rep`;
//! - [`dump`] holds `dump` (binary chunks);
//! - [`pattern`] holds the pattern matcher and `find`, `match`, `gmatch`,
//!   `gsub`;
//! - [`format`](mod@format) holds `format`; [`pack`] holds `pack`,
//!   `packsize` and `unpack`;
//! - [`arith`] holds the string metatable's arithmetic metamethods, which
//!   give Lua 5.4 its string→number coercion in arithmetic (the VM itself
//!   does not coerce).
//!
//! Opening the library also gives every string its metatable, whose
//! `__index` is the `string` table: that is what makes `s:upper()` work.

pub mod arith;
pub mod bytes;
pub mod dump;
pub mod format;
pub mod pack;
pub mod pattern;
pub mod positions;
pub mod transform;

use saturn_vm::closure::NativeFn;
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::register::{mark_loaded, set_functions};

/// The library's functions.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("byte", bytes::byte),
    ("char", bytes::char),
    ("dump", dump::dump),
    ("find", pattern::find::find),
    ("format", format::format),
    ("gmatch", pattern::gmatch::gmatch),
    ("gsub", pattern::gsub::gsub),
    ("len", bytes::len),
    ("lower", transform::lower),
    ("match", pattern::find::match_),
    ("pack", pack::pack),
    ("packsize", pack::packsize),
    ("rep", transform::rep),
    ("reverse", transform::reverse),
    ("sub", bytes::sub),
    ("unpack", pack::unpack),
    ("upper", transform::upper),
];

/// Installs `string`, records it in `package.loaded` and sets the metatable
/// shared by all strings.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    let metatable = ctx.new_table();
    set_functions(ctx, metatable, arith::METAMETHODS);
    metatable.set_str(ctx.mc, ctx.intern(b"__index"), Value::Table(library));
    ctx.set_metatable(ctx.str(""), Some(metatable));
    ctx.set_global("string", Value::Table(library));
    mark_loaded(ctx, "string", Value::Table(library));
}
