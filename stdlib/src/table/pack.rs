//! `table.pack(...)` and `table.unpack(t [, i [, j]])`.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::access::{
    LENGTH, call_handler, get, int_slot, length_of, pack as pack_state, plain_table, take_result,
    unpack as unpack_state, with_length,
};
use crate::args::{check_integer, is_none_or_nil, opt_integer};
use crate::lookup::Lookup;
use crate::results::return_one;

/// Phase: an `__index` handler gave the next element.
const GOT: i64 = 1;

/// `unpack`'s window while it pushes results: the object, the next index,
/// how many elements remain after it; the results follow.
const OBJECT: usize = 0;
const NEXT: usize = 1;
const REMAINING: usize = 2;
const RESULTS: usize = 3;

/// `table.pack(...)`: a table with the arguments at 1..n and `n`.
pub fn pack<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    // Sized as PUC's (`n` slots and one node for `n`), so that `n` does not
    // rehash the table and shrink an array with holes.
    let table = ctx.new_table_with_capacity(call.len(), 1);
    for (i, &value) in call.args().iter().enumerate() {
        table.set_int(ctx.mc, i as i64 + 1, value);
    }
    table.set_str(ctx.mc, ctx.intern(b"n"), Value::Integer(call.len() as i64));
    return_one(call, Value::Table(table))
}

/// `table.unpack(t [, i [, j]])`: `t[i], ..., t[j]`, `j` defaulting to
/// `#t`. Works on any value that can be indexed (no table check, as PUC).
pub fn unpack<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let first = opt_integer(ctx, call, 2, 1)?;
    if !is_none_or_nil(call, 3) {
        let last = check_integer(ctx, call, 3)?;
        return unpack_range(ctx, call, first, last);
    }
    with_length(ctx, call, resume, |ctx, call, last| {
        unpack_range(ctx, call, first, last)
    })
}

fn unpack_range<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    first: i64,
    last: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    if first > last {
        call.clear();
        return Ok(Action::Return(0));
    }
    let count = (last as u64).wrapping_sub(first as u64);
    if count >= i32::MAX as u64 || !call.check_stack(count as usize + 1 + RESULTS) {
        return Err(Error::runtime("too many results to unpack"));
    }
    let object = call.get(0);
    call.clear();
    // The fast path: a plain table needs no bookkeeping.
    if let Some(t) = plain_table(ctx, object) {
        for k in 0..=count {
            call.push(t.get_int(ctx.mc, first.wrapping_add(k as i64)))?;
        }
        return Ok(Action::Return(count as usize + 1));
    }
    call.extend([
        object,
        Value::Integer(first),
        Value::Integer(count as i64 + 1),
    ])?;
    run(ctx, call)
}

/// Pushes the remaining elements.
fn run<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let object = call.get(OBJECT);
    let mut next = int_slot(call, NEXT);
    let mut remaining = int_slot(call, REMAINING);
    while remaining > 0 {
        remaining -= 1;
        match get(ctx, object, next)? {
            Lookup::Found(value) => call.push(value)?,
            Lookup::CallHandler { handler, object } => {
                call.set(NEXT, Value::Integer(next.wrapping_add(1)))?;
                call.set(REMAINING, Value::Integer(remaining))?;
                let then = Continuation::new(resume, pack_state(GOT, call.len()));
                return call_handler(call, handler, &[object, Value::Integer(next)], then);
            }
        }
        next = next.wrapping_add(1);
    }
    Ok(Action::Return(call.len() - RESULTS))
}

fn resume<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack_state(state);
    let result = take_result(call, mark);
    if phase == LENGTH {
        let last = length_of(result)?;
        let first = opt_integer(ctx, call, 2, 1)?;
        return unpack_range(ctx, call, first, last);
    }
    call.push(result)?;
    run(ctx, call)
}
