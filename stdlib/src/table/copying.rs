//! Copying a run of elements one by one, `dst[to + k] = src[from + k]`,
//! the loop shared by `insert` (shifting up), `remove` (shifting down) and
//! `move`. Each element is read and written as `lua_geti`/`lua_seti` do;
//! when a handler must be called, the loop's state is in the window and
//! it resumes in the caller's continuation.
//!
//! Window layout: the first [`STATE_SLOTS`] slots belong to the loop; the
//! table function keeps its own values after them.

use saturn_vm::executor::{Action, Call, Continuation, ContinuationFn, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::access::{Store, call_handler, get, int_slot, pack, set, take_result, unpack};
use crate::lookup::Lookup;

/// The object read from.
const SOURCE: usize = 0;
/// The object written to.
const DESTINATION: usize = 1;
/// The source index of the next element.
const FROM: usize = 2;
/// The destination index of the next element.
const TO: usize = 3;
/// How many elements are left.
const REMAINING: usize = 4;
/// +1 to copy upwards, -1 downwards.
const STEP: usize = 5;
/// Slots used by the loop.
pub const STATE_SLOTS: usize = 6;

/// Phases of the caller's continuation reserved for the loop (the caller
/// uses phases below [`FIRST_PHASE`]).
pub const FIRST_PHASE: i64 = 0x40;
const GOT: i64 = FIRST_PHASE;
const STORED: i64 = FIRST_PHASE + 1;

/// A run to copy.
pub struct Run<'gc> {
    pub source: Value<'gc>,
    pub destination: Value<'gc>,
    pub from: i64,
    pub to: i64,
    pub count: i64,
    pub step: i64,
}

/// Writes the loop's state into the first slots of the window.
pub fn prepare<'gc>(call: &mut Call<'gc, '_>, run: Run<'gc>) -> Result<(), Error<'gc>> {
    call.set(SOURCE, run.source)?;
    call.set(DESTINATION, run.destination)?;
    call.set(FROM, Value::Integer(run.from))?;
    call.set(TO, Value::Integer(run.to))?;
    call.set(REMAINING, Value::Integer(run.count))?;
    call.set(STEP, Value::Integer(run.step))
}

/// Turns a prepared run into the same run copied from its last element
/// down to its first (for a destination overlapping the source above it).
pub fn reverse<'gc>(call: &mut Call<'gc, '_>) -> Result<(), Error<'gc>> {
    let last = int_slot(call, REMAINING) - 1;
    call.set(FROM, Value::Integer(int_slot(call, FROM) + last))?;
    call.set(TO, Value::Integer(int_slot(call, TO) + last))?;
    call.set(STEP, Value::Integer(-1))
}

/// Copies until done (`Ok(None)`) or until a handler must be called: then
/// the action to return, with `resume` as continuation (which must hand
/// the loop's phases to [`resumed`]).
pub fn run<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    resume: ContinuationFn,
) -> Result<Option<Action<'gc>>, Error<'gc>> {
    let source = call.get(SOURCE);
    let step = int_slot(call, STEP);
    let mut remaining = int_slot(call, REMAINING);
    let mut from = int_slot(call, FROM);
    while remaining > 0 {
        let value = match get(ctx, source, from)? {
            Lookup::Found(value) => value,
            Lookup::CallHandler { handler, object } => {
                save(call, from, remaining)?;
                let then = Continuation::new(resume, pack(GOT, call.len()));
                return call_handler(call, handler, &[object, Value::Integer(from)], then)
                    .map(Some);
            }
        };
        remaining -= 1;
        from = from.wrapping_add(step);
        save(call, from, remaining)?;
        if let Some(action) = store(ctx, call, value, resume)? {
            return Ok(Some(action));
        }
    }
    Ok(None)
}

/// Continues after a handler the loop called; `Ok(None)` when the run is
/// complete.
pub fn resumed<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    state: i64,
    resume: ContinuationFn,
) -> Result<Option<Action<'gc>>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    let result = take_result(call, mark);
    if phase == GOT {
        let remaining = int_slot(call, REMAINING) - 1;
        let from = int_slot(call, FROM).wrapping_add(int_slot(call, STEP));
        save(call, from, remaining)?;
        if let Some(action) = store(ctx, call, result, resume)? {
            return Ok(Some(action));
        }
    }
    run(ctx, call, resume)
}

fn save<'gc>(call: &mut Call<'gc, '_>, from: i64, remaining: i64) -> Result<(), Error<'gc>> {
    call.set(FROM, Value::Integer(from))?;
    call.set(REMAINING, Value::Integer(remaining))
}

/// Stores `value` at the destination index and advances it.
fn store<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    value: Value<'gc>,
    resume: ContinuationFn,
) -> Result<Option<Action<'gc>>, Error<'gc>> {
    let to = int_slot(call, TO);
    call.set(TO, Value::Integer(to.wrapping_add(int_slot(call, STEP))))?;
    match set(ctx, call.get(DESTINATION), to, value)? {
        Store::Done => Ok(None),
        Store::CallHandler { handler, object } => {
            let then = Continuation::new(resume, pack(STORED, call.len()));
            call_handler(call, handler, &[object, Value::Integer(to), value], then).map(Some)
        }
    }
}
