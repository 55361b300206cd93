//! `debug.getupvalue`, `debug.setupvalue`, `debug.upvalueid` and
//! `debug.upvaluejoin`.

use saturn_vm::closure::{Function, UpValue, join_upvalue};
use saturn_vm::debug_info::upvalue_identity;
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{arg_error, check_any, check_function, check_integer};
use crate::results::{return_one, return_values};

/// Upvalue `n` (1-based) of a function.
enum Slot<'gc> {
    /// A Lua closure's upvalue cell and its name (`None` when stripped).
    Lua(UpValue<'gc>, Option<Box<[u8]>>),
    /// A native function's upvalue: its index (natives' upvalues have no
    /// names).
    Native(usize),
}

fn slot<'gc>(function: Function<'gc>, n: i64) -> Option<Slot<'gc>> {
    let index = usize::try_from(n).ok()?.checked_sub(1)?;
    match function {
        Function::Lua(c) => {
            let uv = c.upvalues.get().get(index)?;
            let name = c
                .proto
                .proto
                .upvalues
                .get(index)
                .and_then(|d| d.name.clone());
            Some(Slot::Lua(uv, name))
        }
        Function::Native(f) => (index < f.upvalues.len()).then_some(Slot::Native(index)),
    }
}

/// The name `getupvalue` reports.
fn slot_name<'gc>(ctx: Context<'gc>, slot: &Slot<'gc>) -> Value<'gc> {
    match slot {
        Slot::Lua(_, Some(name)) => Value::String(ctx.intern(name)),
        Slot::Lua(_, None) => ctx.str("(no name)"),
        Slot::Native(_) => ctx.str(""),
    }
}

/// The function argument and upvalue index of `getupvalue`/`upvalueid`,
/// checked in PUC's order (index first).
fn function_and_index<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    farg: usize,
    narg: usize,
) -> Result<(Function<'gc>, i64), Error<'gc>> {
    let n = check_integer(ctx, call, narg)?;
    let function = check_function(ctx, call, farg)?;
    let function = function.as_function().expect("checked function");
    Ok((function, n))
}

/// `debug.getupvalue(f, n)`: the name and value of upvalue `n`.
pub fn getupvalue<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (function, n) = function_and_index(ctx, call, 1, 2)?;
    let Some(slot) = slot(function, n) else {
        return return_values(call, []);
    };
    let value = match (&slot, function) {
        (Slot::Lua(uv, _), _) => call.read_upvalue(*uv),
        (Slot::Native(i), Function::Native(f)) => f.upvalues[*i],
        _ => Value::Nil,
    };
    let name = slot_name(ctx, &slot);
    return_values(call, [name, value])
}

/// `debug.setupvalue(f, n, value)`: assigns upvalue `n` of a Lua function
/// and returns its name. A native function's upvalues cannot be assigned
/// in Saturn (they are immutable), so that fails (returns nothing).
pub fn setupvalue<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 3)?;
    let (function, n) = function_and_index(ctx, call, 1, 2)?;
    match slot(function, n) {
        Some(slot @ Slot::Lua(uv, _)) => {
            call.write_upvalue(ctx.mc, uv, value);
            let name = slot_name(ctx, &slot);
            return_one(call, name)
        }
        _ => return_values(call, []),
    }
}

/// An identity for upvalue `n` of `function`: closures sharing a variable
/// give the same one.
fn upvalue_id(function: Function<'_>, n: i64) -> Option<usize> {
    match (slot(function, n)?, function) {
        (Slot::Lua(uv, _), _) => Some(upvalue_identity(uv)),
        (Slot::Native(i), Function::Native(f)) => Some(&f.upvalues[i] as *const Value<'_> as usize),
        _ => None,
    }
}

/// `debug.upvalueid(f, n)`: a light userdata identifying the upvalue, or
/// fail for an index out of range.
pub fn upvalueid<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (function, n) = function_and_index(ctx, call, 1, 2)?;
    let id = upvalue_id(function, n).map_or(Value::Nil, Value::LightUserData);
    return_one(call, id)
}

/// `debug.upvaluejoin(f1, n1, f2, n2)`: makes upvalue `n1` of Lua closure
/// `f1` refer to upvalue `n2` of Lua closure `f2`.
pub fn upvaluejoin<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (f1, n1) = function_and_index(ctx, call, 1, 2)?;
    if slot(f1, n1).is_none() {
        return Err(arg_error(ctx, call, 2, "invalid upvalue index"));
    }
    let (f2, n2) = function_and_index(ctx, call, 3, 4)?;
    let target = slot(f2, n2);
    if target.is_none() {
        return Err(arg_error(ctx, call, 4, "invalid upvalue index"));
    }
    let Function::Lua(c1) = f1 else {
        return Err(arg_error(ctx, call, 1, "Lua function expected"));
    };
    let Some(Slot::Lua(cell, _)) = target else {
        return Err(arg_error(ctx, call, 3, "Lua function expected"));
    };
    // `n1` was checked to be in range.
    join_upvalue(ctx.mc, c1, (n1 - 1) as usize, cell);
    return_values(call, [])
}
