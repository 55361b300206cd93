//! The base library (`lbaselib.c`): the global functions every Lua
//! program sees, grouped by concern:
//!
//! - [`access`] holds metatables and raw table access;
//! - [`convert`] holds `type`, `tonumber`, `tostring`;
//! - [`iteration`] holds `next`, `pairs`, `ipairs`, `select`;
//! - [`errors`] holds `error`, `assert`, `pcall`, `xpcall`;
//! - [`output`] holds `print`, `warn`;
//! - [`load`] holds `load`, `loadfile`, `dofile`;
//! - [`collect`] holds `collectgarbage`.

pub mod access;
pub mod collect;
pub mod convert;
pub mod errors;
pub mod iteration;
pub mod load;
pub mod output;

use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::register::{mark_loaded, set_functions};

/// The value of `_VERSION`.
pub const VERSION: &str = "Lua 5.4";

/// Installs the base functions, `_G` and `_VERSION` in the globals.
pub fn open(ctx: Context<'_>) {
    let globals = ctx.globals();
    set_functions(
        ctx,
        globals,
        &[
            ("assert", errors::assert),
            ("collectgarbage", collect::collectgarbage),
            ("dofile", load::dofile),
            ("error", errors::error),
            ("getmetatable", access::getmetatable),
            ("loadfile", load::loadfile),
            ("load", load::load),
            ("pcall", errors::pcall),
            ("print", output::print),
            ("warn", output::warn),
            ("rawequal", access::rawequal),
            ("rawlen", access::rawlen),
            ("rawget", access::rawget),
            ("rawset", access::rawset),
            ("select", iteration::select),
            ("setmetatable", access::setmetatable),
            ("tonumber", convert::tonumber),
            ("tostring", convert::tostring),
            ("type", convert::type_),
            ("xpcall", errors::xpcall),
        ],
    );
    // `pairs` and `ipairs` hand out the same iterator functions every time,
    // so `pairs(t) == next` holds as in PUC Lua.
    let next = ctx.native(iteration::next);
    ctx.set_global("next", next);
    ctx.set_global("pairs", ctx.native_with_upvalues(iteration::pairs, [next]));
    let ipairs_step = ctx.native(iteration::ipairs_step);
    ctx.set_global(
        "ipairs",
        ctx.native_with_upvalues(iteration::ipairs, [ipairs_step]),
    );
    ctx.set_global("_G", Value::Table(globals));
    ctx.set_global("_VERSION", ctx.str(VERSION));
    mark_loaded(ctx, "_G", Value::Table(globals));
}
