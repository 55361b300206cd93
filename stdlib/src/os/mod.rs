//! The `os` library (`loslib.c`), grouped by concern:
//!
//! - [`system`]: commands, environment, files, CPU time, exit, locale;
//! - [`time`]: `os.time`, `os.date`, `os.difftime`;
//! - [`calendar`]: broken-down times and `mktime`'s normalisation;
//! - [`strftime`]: `os.date`'s conversions;
//! - [`zone`]: the local time zone from TZif files and POSIX TZ strings.

pub mod calendar;
pub mod strftime;
pub mod system;
pub mod time;
pub mod zone;

use saturn_vm::closure::NativeFn;
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::register::{mark_loaded, set_functions};

/// The library's functions.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("clock", system::clock),
    ("date", time::date),
    ("difftime", time::difftime),
    ("execute", system::execute),
    ("exit", system::exit),
    ("getenv", system::getenv),
    ("remove", system::remove),
    ("rename", system::rename),
    ("setlocale", system::setlocale),
    ("time", time::time),
    ("tmpname", system::tmpname),
];

/// Installs `os` and records it in `package.loaded`.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    ctx.set_global("os", Value::Table(library));
    mark_loaded(ctx, "os", Value::Table(library));
}
