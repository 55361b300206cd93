//! The `io` library (`liolib.c`), grouped by concern:
//!
//! - [`stream`]: the streams behind handles (disk files, standard streams,
//!   pipes) with C stdio's buffering;
//! - [`read`]: the read formats (`"n"`, `"l"`, `"L"`, `"a"`, counts);
//! - [`file`](mod@file): the handle userdata and the shapes of results;
//! - [`handle_ops`]: reading, writing and closing shared by functions and
//!   methods;
//! - [`library`]: the `io.*` functions; [`methods`]: the file methods and
//!   metamethods; [`lines`]: the line iterators;
//! - [`error`] and [`path`]: OS error texts, file names, temporary files.

pub mod error;
pub mod file;
pub mod handle_ops;
pub mod library;
pub mod lines;
pub mod methods;
pub mod path;
pub mod read;
pub mod stdout;
pub mod stream;

use saturn_vm::closure::NativeFn;
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::register::{mark_loaded, set_functions};
use file::{METATABLE_KEY, new_file};
use stream::Stream;

pub use file::flush_all;

/// The functions of the `io` table.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("close", library::close),
    ("flush", library::flush),
    ("input", library::input),
    ("lines", library::lines),
    ("open", library::open),
    ("output", library::output),
    ("popen", library::popen),
    ("read", library::read),
    ("tmpfile", library::tmpfile),
    ("type", library::type_),
    ("write", library::write),
];

/// The methods of file handles.
const METHODS: &[(&str, NativeFn)] = &[
    ("close", methods::close),
    ("flush", methods::flush),
    ("lines", methods::lines),
    ("read", methods::read),
    ("seek", methods::seek),
    ("setvbuf", methods::setvbuf),
    ("write", methods::write),
];

/// The metamethods of file handles.
const METAMETHODS: &[(&str, NativeFn)] = &[
    ("__close", methods::collect),
    ("__gc", methods::collect),
    ("__tostring", methods::to_string),
];

/// Installs `io`, the handles' metatable (registry `FILE*`), the standard
/// files and the default input and output.
pub fn open(ctx: Context<'_>) {
    let metatable = ctx.new_table();
    set_functions(ctx, metatable, METAMETHODS);
    let methods = ctx.new_table();
    set_functions(ctx, methods, METHODS);
    metatable.set_str(ctx.mc, ctx.intern(b"__index"), Value::Table(methods));
    metatable.set_str(ctx.mc, ctx.intern(b"__name"), ctx.str("FILE*"));
    ctx.registry()
        .set_str(ctx.mc, ctx.intern(METATABLE_KEY), Value::Table(metatable));

    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    let stdin = new_file(ctx, Stream::Stdin);
    let stdout = new_file(ctx, Stream::Stdout);
    let stderr = new_file(ctx, Stream::Stderr);
    library.set_str(ctx.mc, ctx.intern(b"stdin"), stdin);
    library.set_str(ctx.mc, ctx.intern(b"stdout"), stdout);
    library.set_str(ctx.mc, ctx.intern(b"stderr"), stderr);
    ctx.registry()
        .set_str(ctx.mc, ctx.intern(library::INPUT_KEY), stdin);
    ctx.registry()
        .set_str(ctx.mc, ctx.intern(library::OUTPUT_KEY), stdout);
    ctx.set_global("io", Value::Table(library));
    mark_loaded(ctx, "io", Value::Table(library));
}
