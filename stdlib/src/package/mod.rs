//! The package library (`loadlib.c`): `require` and the `package` table.
//!
//! - [`paths`] builds `package.path` and `package.cpath` from the
//!   environment and PUC's defaults;
//! - [`search`] holds `package.searchpath` and the four searchers
//!   (`package.preload`, Lua files, C libraries, C all-in-one libraries);
//! - [`require`] runs the searchers and the loader through the executor,
//!   so a searcher or loader written in Lua may yield.
//!
//! Saturn cannot load C code: the C searchers find library files as PUC's
//! do, then fail to load them with PUC's message for a Lua built without
//! dynamic library support, and `package.loadlib` always returns
//! `nil, message, "absent"`.

mod paths;
mod require;
mod search;

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

use crate::args::check_string;
use crate::register::{loaded_table, mark_loaded, set_functions};
use crate::results::return_values;

/// PUC's `package.config`: directory separator, path separator, the mark
/// replaced by the module name, the executable's directory mark, and the
/// mark ending the module name part of a C function name.
const CONFIG: &[u8] = b"/\n;\n?\n!\n-\n";

/// What PUC says when it cannot load C libraries (`DLMSG`).
const NO_DYNAMIC_LIBRARIES: &[u8] = b"dynamic libraries not enabled; check your Lua installation";

/// The registry field holding `package.preload` (PUC's
/// `LUA_PRELOAD_TABLE`).
const PRELOAD: &[u8] = b"_PRELOAD";

/// Installs `package` and `require`; records `package` in
/// `package.loaded`.
pub fn open(ctx: Context<'_>) {
    let package = ctx.new_table();
    set_functions(
        ctx,
        package,
        &[("loadlib", loadlib), ("searchpath", search::searchpath)],
    );
    let searchers = ctx.new_table();
    for (i, searcher) in search::SEARCHERS.iter().enumerate() {
        let f = ctx.native_with_upvalues(*searcher, [Value::Table(package)]);
        searchers.set_int(ctx.mc, i as i64 + 1, f);
    }
    set(ctx, package, "searchers", Value::Table(searchers));
    let no_env = !ctx
        .registry()
        .get_str(ctx.mc, ctx.intern(b"LUA_NOENV"))
        .is_falsy();
    let path = paths::path("LUA_PATH", paths::DEFAULT_PATH, no_env);
    set(ctx, package, "path", Value::String(ctx.intern(&path)));
    let cpath = paths::path("LUA_CPATH", paths::DEFAULT_CPATH, no_env);
    set(ctx, package, "cpath", Value::String(ctx.intern(&cpath)));
    set(ctx, package, "config", Value::String(ctx.intern(CONFIG)));
    set(ctx, package, "loaded", Value::Table(loaded_table(ctx)));
    set(ctx, package, "preload", Value::Table(preload_table(ctx)));
    let require = ctx.native_with_upvalues(require::require, [Value::Table(package)]);
    ctx.globals()
        .set_str(ctx.mc, ctx.intern(b"require"), require);
    ctx.set_global("package", Value::Table(package));
    mark_loaded(ctx, "package", Value::Table(package));
}

fn set<'gc>(ctx: Context<'gc>, table: Table<'gc>, field: &str, value: Value<'gc>) {
    table.set_str(ctx.mc, ctx.intern(field.as_bytes()), value);
}

/// The registry's `_PRELOAD` table (`package.preload`), created if missing.
pub fn preload_table<'gc>(ctx: Context<'gc>) -> Table<'gc> {
    let key = ctx.intern(PRELOAD);
    match ctx.registry().get_str(ctx.mc, key) {
        Value::Table(t) => t,
        _ => {
            let t = ctx.new_table();
            ctx.registry().set_str(ctx.mc, key, Value::Table(t));
            t
        }
    }
}

/// `package.loadlib(path, funcname)`: Saturn has no dynamic C loading, so
/// this fails as PUC's does when built without it.
fn loadlib<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    check_string(ctx, call, 1)?;
    check_string(ctx, call, 2)?;
    return_values(
        call,
        [
            Value::Nil,
            Value::String(ctx.intern(NO_DYNAMIC_LIBRARIES)),
            ctx.str("absent"),
        ],
    )
}
