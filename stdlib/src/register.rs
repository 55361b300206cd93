//! Installing library functions (PUC's `luaL_setfuncs` and
//! `luaL_requiref`'s bookkeeping in `package.loaded`).

use saturn_vm::closure::NativeFn;
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

/// Sets each `(name, function)` pair as a field of `table`.
pub fn set_functions<'gc>(ctx: Context<'gc>, table: Table<'gc>, functions: &[(&str, NativeFn)]) {
    for &(name, function) in functions {
        table.set_str(ctx.mc, ctx.intern(name.as_bytes()), ctx.native(function));
    }
}

/// The registry's `_LOADED` table (`package.loaded`), created if missing.
pub fn loaded_table<'gc>(ctx: Context<'gc>) -> Table<'gc> {
    let key = ctx.intern(b"_LOADED");
    match ctx.registry().get_str(ctx.mc, key) {
        Value::Table(t) => t,
        _ => {
            let t = ctx.new_table();
            ctx.registry().set_str(ctx.mc, key, Value::Table(t));
            t
        }
    }
}

/// Records a library in `package.loaded[name]`.
pub fn mark_loaded<'gc>(ctx: Context<'gc>, name: &str, library: Value<'gc>) {
    loaded_table(ctx).set_str(ctx.mc, ctx.intern(name.as_bytes()), library);
}
