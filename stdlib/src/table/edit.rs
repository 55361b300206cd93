//! `table.insert`, `table.remove` and `table.move`: they shift or copy
//! runs of elements with [`copying`], reading and writing through
//! `__index`/`__newindex` and measuring with `__len` when present.
//!
//! Each function's continuation gets a packed `(phase, mark)` state: the
//! phase says which step a handler was called for, the mark where its
//! results start in the window.

use saturn_vm::executor::{Action, Call, Continuation, ContinuationFn, Error, Outcome};
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::access::{
    LENGTH, READ, READ_WRITE_LENGTH, Store, WRITE, call_handler, check_table_like, get, int_slot,
    length_of, pack, plain_table, set, take_result, unpack, with_length,
};
use super::copying::{self, Run, STATE_SLOTS};
use crate::args::{arg_error, check_integer, is_none_or_nil, opt_integer};
use crate::lookup::Lookup;
use crate::results::return_one;

/// Phase: the final store's handler returned.
const STORED: i64 = 1;
/// Phase: `remove` read the element it returns.
const GOT_REMOVED: i64 = 2;
/// Phase: `move` compared its two tables with `__eq`.
const COMPARED: i64 = 3;

/// Slots after the copy loop's state.
const VALUE: usize = STATE_SLOTS;
const POSITION: usize = STATE_SLOTS + 1;
/// `remove`'s result.
const REMOVED: usize = STATE_SLOTS + 2;

/// `table.insert(t, [pos,] value)`.
pub fn insert<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    // The common case: appending to a plain table.
    if call.len() == 2
        && let Some(t) = plain_table(ctx, call.get(0))
    {
        t.set_int(ctx.mc, t.length(ctx.mc).wrapping_add(1), call.get(1));
        call.clear();
        return Ok(Action::Return(0));
    }
    check_table_like(ctx, call, 1, READ_WRITE_LENGTH)?;
    with_length(ctx, call, insert_resume, insert_with_length)
}

/// `insert` once the length `n` is known; the window holds the arguments.
fn insert_with_length<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    n: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let end = n.wrapping_add(1);
    let (position, value) = match call.len() {
        2 => (end, call.get(1)),
        3 => {
            let position = check_integer(ctx, call, 2)?;
            if (position as u64).wrapping_sub(1) >= end as u64 {
                return Err(arg_error(ctx, call, 2, "position out of bounds"));
            }
            (position, call.get(2))
        }
        _ => return Err(Error::runtime("wrong number of arguments to 'insert'")),
    };
    let table = call.get(0);
    call.clear();
    copying::prepare(
        call,
        Run {
            source: table,
            destination: table,
            from: end.wrapping_sub(1),
            to: end,
            count: if end > position { end - position } else { 0 },
            step: -1,
        },
    )?;
    call.extend([value, Value::Integer(position)])?;
    copying::run(ctx, call, insert_resume, |ctx, call| {
        store_final(ctx, call, Shift::Insert)
    })
}

fn insert_resume<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    match phase {
        LENGTH => {
            let n = length_of(take_result(call, mark))?;
            insert_with_length(ctx, call, n)
        }
        STORED => finish(call, Shift::Insert),
        _ => copying::resumed(ctx, call, state, insert_resume, |ctx, call| {
            store_final(ctx, call, Shift::Insert)
        }),
    }
}

/// Which of the two shifting functions a shared step works for.
#[derive(Clone, Copy)]
enum Shift {
    Insert,
    Remove,
}

impl Shift {
    fn resume(self) -> ContinuationFn {
        match self {
            Shift::Insert => insert_resume,
            Shift::Remove => remove_resume,
        }
    }
}

/// The last store of `insert` and `remove`: slot [`VALUE`] at the index
/// in slot [`POSITION`].
fn store_final<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    shift: Shift,
) -> Result<Action<'gc>, Error<'gc>> {
    let table = call.get(0);
    let position = int_slot(call, POSITION);
    let value = call.get(VALUE);
    match set(ctx, table, position, value)? {
        Store::Done => finish(call, shift),
        Store::CallHandler { handler, object } => {
            let then = Continuation::new(shift.resume(), pack(STORED, call.len()));
            call_handler(
                call,
                handler,
                &[object, Value::Integer(position), value],
                then,
            )
        }
    }
}

/// What `insert` (nothing) and `remove` (the removed element) return.
fn finish<'gc>(call: &mut Call<'gc, '_>, shift: Shift) -> Result<Action<'gc>, Error<'gc>> {
    match shift {
        Shift::Insert => {
            call.clear();
            Ok(Action::Return(0))
        }
        Shift::Remove => return_one(call, call.get(REMOVED)),
    }
}

/// `table.remove(t [, pos])`: removes and returns `t[pos]` (default: the
/// last element), shifting the following elements down.
pub fn remove<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    // The common case: popping from a plain table.
    if is_none_or_nil(call, 2)
        && let Some(t) = plain_table(ctx, call.get(0))
    {
        let size = t.length(ctx.mc);
        let removed = t.get_int(ctx.mc, size);
        t.set_int(ctx.mc, size, Value::Nil);
        return return_one(call, removed);
    }
    check_table_like(ctx, call, 1, READ_WRITE_LENGTH)?;
    with_length(ctx, call, remove_resume, remove_with_length)
}

/// `remove` once the length is known; the window holds the arguments.
fn remove_with_length<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    size: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let position = opt_integer(ctx, call, 2, size)?;
    // A position other than the default may also be one past the end.
    if position != size && (position as u64).wrapping_sub(1) > size as u64 {
        return Err(arg_error(ctx, call, 2, "position out of bounds"));
    }
    let table = call.get(0);
    call.clear();
    copying::prepare(
        call,
        Run {
            source: table,
            destination: table,
            from: position.wrapping_add(1),
            to: position,
            count: if size > position { size - position } else { 0 },
            step: 1,
        },
    )?;
    let last = position.max(size);
    call.extend([Value::Nil, Value::Integer(last)])?;
    match get(ctx, table, position)? {
        Lookup::Found(removed) => {
            call.push(removed)?;
            remove_shift(ctx, call)
        }
        Lookup::CallHandler { handler, object } => {
            let then = Continuation::new(remove_resume, pack(GOT_REMOVED, call.len()));
            call_handler(call, handler, &[object, Value::Integer(position)], then)
        }
    }
}

/// Shifts the elements after the removed one down, then clears the last.
fn remove_shift<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    copying::run(ctx, call, remove_resume, |ctx, call| {
        store_final(ctx, call, Shift::Remove)
    })
}

fn remove_resume<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    match phase {
        LENGTH => {
            let n = length_of(take_result(call, mark))?;
            remove_with_length(ctx, call, n)
        }
        GOT_REMOVED => {
            let removed = take_result(call, mark);
            call.push(removed)?;
            remove_shift(ctx, call)
        }
        STORED => finish(call, Shift::Remove),
        _ => copying::resumed(ctx, call, state, remove_resume, |ctx, call| {
            store_final(ctx, call, Shift::Remove)
        }),
    }
}

/// `table.move(a1, f, e, t [, a2])`: copies `a1[f..e]` to `a2[t..]` (`a2`
/// defaults to `a1`), in the order that is safe for overlapping ranges,
/// and returns `a2`.
pub fn move_elements<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let first = check_integer(ctx, call, 2)?;
    let last = check_integer(ctx, call, 3)?;
    let to = check_integer(ctx, call, 4)?;
    let destination_arg = if is_none_or_nil(call, 5) { 1 } else { 5 };
    check_table_like(ctx, call, 1, READ)?;
    check_table_like(ctx, call, destination_arg, WRITE)?;
    let source = call.get(0);
    let destination = call.get(destination_arg - 1);
    if last < first {
        return return_one(call, destination);
    }
    if !(first > 0 || last < i64::MAX + first) {
        return Err(arg_error(ctx, call, 3, "too many elements to move"));
    }
    let count = last - first + 1;
    if to > i64::MAX - count + 1 {
        return Err(arg_error(ctx, call, 4, "destination wrap around"));
    }
    call.clear();
    copying::prepare(
        call,
        Run {
            source,
            destination,
            from: first,
            to,
            count,
            step: 1,
        },
    )?;
    // Copying upwards is safe unless the ranges overlap with the
    // destination above the source in the same table.
    let overlap_possible = to <= last && to > first;
    if !overlap_possible || destination_arg == 1 {
        return move_in_order(ctx, call, !overlap_possible);
    }
    match same_object(ctx, source, destination) {
        Sameness::Known(same) => move_in_order(ctx, call, !same),
        Sameness::CallHandler(handler) => {
            let then = Continuation::new(move_resume, pack(COMPARED, call.len()));
            call_handler(call, handler, &[source, destination], then)
        }
    }
}

/// Whether the two tables of `move` are the same (`lua_compare` with
/// `LUA_OPEQ`, which may call `__eq`).
enum Sameness<'gc> {
    Known(bool),
    CallHandler(Value<'gc>),
}

fn same_object<'gc>(ctx: Context<'gc>, a: Value<'gc>, b: Value<'gc>) -> Sameness<'gc> {
    if a.raw_eq(b) {
        return Sameness::Known(true);
    }
    let comparable = matches!(
        (a, b),
        (Value::Table(_), Value::Table(_)) | (Value::UserData(_), Value::UserData(_))
    );
    if !comparable {
        return Sameness::Known(false);
    }
    let mut handler = metamethod(ctx, a, MetaEvent::Eq);
    if handler.is_nil() {
        handler = metamethod(ctx, b, MetaEvent::Eq);
    }
    if handler.is_nil() {
        Sameness::Known(false)
    } else {
        Sameness::CallHandler(handler)
    }
}

/// Starts the copy upwards, or downwards from the last element.
fn move_in_order<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    upwards: bool,
) -> Result<Action<'gc>, Error<'gc>> {
    if !upwards {
        copying::reverse(call)?;
    }
    copying::run(ctx, call, move_resume, moved)
}

/// What `move` returns once the run is copied: the destination table,
/// the loop's second slot.
fn moved<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, call.get(1))
}

fn move_resume<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    if phase == COMPARED {
        let same = !take_result(call, mark).is_falsy();
        return move_in_order(ctx, call, !same);
    }
    copying::resumed(ctx, call, state, move_resume, moved)
}
