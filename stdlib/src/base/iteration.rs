//! Traversal: `next`, `pairs` (with `__pairs`), `ipairs` (with `__index`)
//! and `select`.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::access::invalid_key_message;
use crate::args::{arg_error, check_any, check_integer, check_table};
use crate::lookup::{self, Lookup};
use crate::results::{return_one, return_values};

/// `next(t [, k])`: the entry after `k`, or nil at the end.
pub fn next<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let table = check_table(ctx, call, 1)?;
    let key = call.get(1);
    match table.next(ctx.mc, key) {
        Ok(Some((k, v))) => return_values(call, [k, v]),
        Ok(None) => return_one(call, Value::Nil),
        Err(invalid) => Err(Error::Value(ctx.str(invalid_key_message(invalid)))),
    }
}

/// `pairs(v)`: `__pairs(v)` when present (its first three results), else
/// `next, v, nil`. Upvalue 0 is `next`.
pub fn pairs<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    let handler = metamethod(ctx, value, MetaEvent::Pairs);
    if handler.is_nil() {
        return return_values(call, [call.upvalue(0), value, Value::Nil]);
    }
    call.clear();
    call.extend([handler, value])?;
    Ok(Action::Call {
        nargs: 1,
        then: Continuation::new(three_results, 0),
    })
}

/// Keeps exactly three results of `__pairs`.
fn three_results<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    call.set_len(3)?;
    Ok(Action::Return(3))
}

/// `ipairs(v)`: the stepping function (upvalue 0), `v` and 0.
pub fn ipairs<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    return_values(call, [call.upvalue(0), value, Value::Integer(0)])
}

/// One step of `ipairs`: `i + 1, v[i + 1]`, or nothing useful (a single nil)
/// once `v[i + 1]` is nil. Indexing honours `__index`.
pub fn ipairs_step<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let index = check_integer(ctx, call, 2)?.wrapping_add(1);
    let object = call.get(0);
    let key = Value::Integer(index);
    call.clear();
    call.push(key)?;
    match lookup::index(ctx, object, key)? {
        Lookup::Found(value) => ipairs_result(call, value),
        Lookup::CallHandler { handler, object } => {
            call.extend([handler, object, key])?;
            Ok(Action::Call {
                nargs: 2,
                then: Continuation::new(ipairs_handled, 0),
            })
        }
    }
}

/// After an `__index` handler answered for `ipairs`.
fn ipairs_handled<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let value = call.get(1);
    call.truncate(1);
    ipairs_result(call, value)
}

/// The window holds the index; adds the value, or ends the loop.
fn ipairs_result<'gc>(
    call: &mut Call<'gc, '_>,
    value: Value<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    if value.is_nil() {
        return return_one(call, Value::Nil);
    }
    call.push(value)?;
    Ok(Action::Return(2))
}

/// `select(n, ...)`: the arguments from the `n`-th on (negative `n` counts
/// from the end); `select('#', ...)`: how many there are.
pub fn select<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let count = call.len() as i64;
    if let Value::String(s) = call.get(0)
        && s.as_bytes().first() == Some(&b'#')
    {
        return return_one(call, Value::Integer(count - 1));
    }
    let n = check_integer(ctx, call, 1)?;
    let n = if n < 0 {
        count.saturating_add(n)
    } else {
        n.min(count)
    };
    if n < 1 {
        return Err(arg_error(ctx, call, 1, "index out of range"));
    }
    Ok(Action::Return((count - n) as usize))
}
