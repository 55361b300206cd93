//! Metatables (`getmetatable`, `setmetatable`) and raw access that bypasses
//! them (`rawequal`, `rawlen`, `rawget`, `rawset`).

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::table::{InvalidKey, Table};
use saturn_vm::value::Value;

use crate::args::{check_any, check_table, is_none, type_error};
use crate::results::return_one;

/// The `__metatable` field of a metatable, read raw (it protects the
/// metatable from `getmetatable` and `setmetatable`).
fn protection<'gc>(ctx: Context<'gc>, metatable: Table<'gc>) -> Value<'gc> {
    metatable.get_str(ctx.mc, ctx.intern(b"__metatable"))
}

/// `getmetatable(v)`: the metatable, or its `__metatable` field if set.
pub fn getmetatable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    let result = match ctx.metatable(value) {
        None => Value::Nil,
        Some(mt) => match protection(ctx, mt) {
            Value::Nil => Value::Table(mt),
            field => field,
        },
    };
    return_one(call, result)
}

/// `setmetatable(t, mt)`: refuses to replace a protected metatable.
pub fn setmetatable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let table = check_table(ctx, call, 1)?;
    let metatable = match call.get(1) {
        Value::Nil if !is_none(call, 2) => None,
        Value::Table(mt) => Some(mt),
        _ => return Err(type_error(ctx, call, 2, "nil or table")),
    };
    if let Some(current) = table.metatable()
        && !protection(ctx, current).is_nil()
    {
        return Err(Error::runtime("cannot change a protected metatable"));
    }
    ctx.set_metatable(Value::Table(table), metatable);
    return_one(call, Value::Table(table))
}

/// `rawequal(a, b)`: equality without `__eq`.
pub fn rawequal<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let a = check_any(ctx, call, 1)?;
    let b = check_any(ctx, call, 2)?;
    return_one(call, Value::Boolean(a.raw_eq(b)))
}

/// `rawlen(v)`: the length of a table (a border) or string, without `__len`.
pub fn rawlen<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let length = match call.get(0) {
        Value::Table(t) => t.length(ctx.mc),
        Value::String(s) => s.len() as i64,
        _ => return Err(type_error(ctx, call, 1, "table or string")),
    };
    return_one(call, Value::Integer(length))
}

/// `rawget(t, k)`: a field without `__index`.
pub fn rawget<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let table = check_table(ctx, call, 1)?;
    let key = check_any(ctx, call, 2)?;
    return_one(call, table.get(ctx.mc, key))
}

/// `rawset(t, k, v)`: assigns without `__newindex`; returns `t`.
pub fn rawset<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let table = check_table(ctx, call, 1)?;
    let key = check_any(ctx, call, 2)?;
    let value = check_any(ctx, call, 3)?;
    if let Err(invalid) = table.set(ctx.mc, key, value) {
        // Raised by the table itself in PUC: no position prefix.
        return Err(Error::Value(ctx.str(invalid_key_message(invalid))));
    }
    return_one(call, Value::Table(table))
}

/// PUC's text for a key a table cannot hold.
pub(crate) fn invalid_key_message(invalid: InvalidKey) -> &'static str {
    match invalid {
        InvalidKey::Nil => "table index is nil",
        InvalidKey::NaN => "table index is NaN",
        InvalidKey::NotInTable => "invalid key to 'next'",
    }
}
