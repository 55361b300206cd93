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

/// The loop's position, held in locals while it runs and written to the
/// window only when a handler is called.
struct Cursor {
    from: i64,
    to: i64,
    remaining: i64,
    step: i64,
}

impl Cursor {
    fn load(call: &Call<'_, '_>) -> Cursor {
        Cursor {
            from: int_slot(call, FROM),
            to: int_slot(call, TO),
            remaining: int_slot(call, REMAINING),
            step: int_slot(call, STEP),
        }
    }

    fn save<'gc>(&self, call: &mut Call<'gc, '_>) -> Result<(), Error<'gc>> {
        call.set(FROM, Value::Integer(self.from))?;
        call.set(TO, Value::Integer(self.to))?;
        call.set(REMAINING, Value::Integer(self.remaining))
    }

    /// Moves past the element just read; returns its destination index.
    fn advance(&mut self) -> i64 {
        let to = self.to;
        self.remaining -= 1;
        self.from = self.from.wrapping_add(self.step);
        self.to = self.to.wrapping_add(self.step);
        to
    }
}

/// What a table function does once its run is copied: its last step.
type Done<'gc> = fn(Context<'gc>, &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>>;

/// Copies the run, then takes the caller's last step `done`; when a
/// handler must be called, returns that call with `resume` as
/// continuation (which must hand the loop's phases to [`resumed`]).
pub fn run<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    resume: ContinuationFn,
    done: Done<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let mut cursor = Cursor::load(call);
    run_from(ctx, call, &mut cursor, resume, done)
}

fn run_from<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    cursor: &mut Cursor,
    resume: ContinuationFn,
    done: Done<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let source = call.get(SOURCE);
    while cursor.remaining > 0 {
        let value = match get(ctx, source, cursor.from)? {
            Lookup::Found(value) => value,
            Lookup::CallHandler { handler, object } => {
                cursor.save(call)?;
                let then = Continuation::new(resume, pack(GOT, call.len()));
                let key = Value::Integer(cursor.from);
                return call_handler(call, handler, &[object, key], then);
            }
        };
        if let Some(action) = store(ctx, call, cursor, value, resume)? {
            return Ok(action);
        }
    }
    done(ctx, call)
}

/// Continues [`run`] after a handler the loop called.
pub fn resumed<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    state: i64,
    resume: ContinuationFn,
    done: Done<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    let result = take_result(call, mark);
    let mut cursor = Cursor::load(call);
    if phase == GOT
        && let Some(action) = store(ctx, call, &mut cursor, result, resume)?
    {
        return Ok(action);
    }
    run_from(ctx, call, &mut cursor, resume, done)
}

/// Stores the element just read at its destination and advances.
fn store<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    cursor: &mut Cursor,
    value: Value<'gc>,
    resume: ContinuationFn,
) -> Result<Option<Action<'gc>>, Error<'gc>> {
    let to = cursor.advance();
    match set(ctx, call.get(DESTINATION), to, value)? {
        Store::Done => Ok(None),
        Store::CallHandler { handler, object } => {
            cursor.save(call)?;
            let then = Continuation::new(resume, pack(STORED, call.len()));
            call_handler(call, handler, &[object, Value::Integer(to), value], then).map(Some)
        }
    }
}
