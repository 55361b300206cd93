//! How the table functions reach the elements of their argument, with the
//! semantics of PUC's `lua_geti`, `lua_seti` and `luaL_len`: `__index`,
//! `__newindex` and `__len` are honoured, and a handler function is not
//! called here but handed back to the caller, which asks the executor to
//! call it (so a Lua handler may yield) and resumes in a continuation.
//!
//! A table without a metatable never needs a handler; the functions test
//! for that first so the common case stays a raw array access.

use saturn_vm::executor::{Action, Call, Continuation, ContinuationFn, Error};
use saturn_vm::meta::{MetaEvent, cached_event_in, type_name_for_error};
use saturn_vm::number::{Number, float_to_int};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

use crate::args::type_error;
use crate::lookup::{self, Assignment, Lookup};

/// What a table function needs its argument to support: reading
/// (`__index`), writing (`__newindex`), its length (`__len`).
#[derive(Clone, Copy)]
pub struct Needs {
    pub read: bool,
    pub write: bool,
    pub length: bool,
}

pub const READ_LENGTH: Needs = Needs {
    read: true,
    write: false,
    length: true,
};
pub const READ_WRITE_LENGTH: Needs = Needs {
    read: true,
    write: true,
    length: true,
};
pub const READ: Needs = Needs {
    read: true,
    write: false,
    length: false,
};
pub const WRITE: Needs = Needs {
    read: false,
    write: true,
    length: false,
};

/// Checks that argument `arg` is a table, or a value whose metatable has
/// the metamethods for `needs` (PUC's `checktab`); "table expected"
/// otherwise.
pub fn check_table_like<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
    needs: Needs,
) -> Result<(), Error<'gc>> {
    let value = call.get(arg - 1);
    if let Value::Table(_) = value {
        return Ok(());
    }
    let has = |event: MetaEvent, mt: Table<'gc>| !mt.get_str(ctx.mc, ctx.meta_name(event)).is_nil();
    if let Some(mt) = ctx.metatable(value)
        && (!needs.read || has(MetaEvent::Index, mt))
        && (!needs.write || has(MetaEvent::NewIndex, mt))
        && (!needs.length || has(MetaEvent::Len, mt))
    {
        return Ok(());
    }
    Err(type_error(ctx, call, arg, "table"))
}

/// `value` as a table that no metamethod of the table functions applies
/// to (no metatable, or one without `__index`, `__newindex` and `__len`):
/// reading, writing and measuring it are raw operations.
#[inline]
pub fn plain_table<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> Option<Table<'gc>> {
    let Value::Table(table) = value else {
        return None;
    };
    let plain = match table.metatable() {
        None => true,
        Some(mt) => [MetaEvent::Index, MetaEvent::NewIndex, MetaEvent::Len]
            .into_iter()
            .all(|event| cached_event_in(ctx, mt, event).is_nil()),
    };
    plain.then_some(table)
}

/// Starts `object[index]` (`lua_geti`). A table without a metatable is
/// read here, inline; anything else goes out of line.
#[inline(always)]
pub fn get<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    index: i64,
) -> Result<Lookup<'gc>, Error<'gc>> {
    if let Value::Table(t) = object
        && t.metatable().is_none()
    {
        return Ok(Lookup::Found(t.get_int(ctx.mc, index)));
    }
    get_with_metatable(ctx, object, index)
}

/// [`get`] of a table with a metatable, or of another value.
#[inline(never)]
fn get_with_metatable<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    index: i64,
) -> Result<Lookup<'gc>, Error<'gc>> {
    if let Value::Table(t) = object {
        let value = t.get_int(ctx.mc, index);
        let no_handler = t
            .metatable()
            .is_none_or(|mt| cached_event_in(ctx, mt, MetaEvent::Index).is_nil());
        if !value.is_nil() || no_handler {
            return Ok(Lookup::Found(value));
        }
    }
    lookup::index(ctx, object, Value::Integer(index))
}

/// Where an assignment `object[index] = value` ends.
pub enum Store<'gc> {
    /// Stored without calling anything.
    Done,
    /// Call `handler(object, index, value)`.
    CallHandler {
        handler: Value<'gc>,
        object: Value<'gc>,
    },
}

/// Starts `object[index] = value` (`lua_seti`). A table without a
/// metatable is written here, inline; anything else goes out of line.
#[inline(always)]
pub fn set<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    index: i64,
    value: Value<'gc>,
) -> Result<Store<'gc>, Error<'gc>> {
    if let Value::Table(t) = object
        && t.metatable().is_none()
    {
        t.set_int(ctx.mc, index, value);
        return Ok(Store::Done);
    }
    set_with_metatable(ctx, object, index, value)
}

/// [`set`] on a table with a metatable, or on another value.
#[inline(never)]
fn set_with_metatable<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    index: i64,
    value: Value<'gc>,
) -> Result<Store<'gc>, Error<'gc>> {
    match lookup::assign(ctx, object, Value::Integer(index))? {
        Assignment::Raw(t) => {
            t.set_int(ctx.mc, index, value);
            Ok(Store::Done)
        }
        Assignment::CallHandler { handler, object } => Ok(Store::CallHandler { handler, object }),
    }
}

/// Where `#object` ends.
pub enum Length<'gc> {
    /// Known without calling anything.
    Known(i64),
    /// Call `handler(object, object)`; check its first result with
    /// [`length_of`].
    CallHandler(Value<'gc>),
}

/// Starts `#object` as `luaL_len` does: `__len` when present, the border
/// of a table, the length of a string.
pub fn length<'gc>(ctx: Context<'gc>, object: Value<'gc>) -> Result<Length<'gc>, Error<'gc>> {
    if let Value::Table(t) = object {
        let handler = match t.metatable() {
            None => Value::Nil,
            Some(mt) => saturn_vm::meta::event_in(ctx, mt, MetaEvent::Len),
        };
        return Ok(if handler.is_nil() {
            Length::Known(t.length(ctx.mc))
        } else {
            Length::CallHandler(handler)
        });
    }
    if let Value::String(s) = object {
        return Ok(Length::Known(s.len() as i64));
    }
    let handler = saturn_vm::meta::metamethod(ctx, object, MetaEvent::Len);
    if handler.is_nil() {
        return Err(Error::Value(ctx.str(&format!(
            "attempt to get length of a {} value",
            type_name_for_error(ctx, object)
        ))));
    }
    Ok(Length::CallHandler(handler))
}

/// The length a `__len` handler returned, which must be an integer (or
/// convertible to one).
pub fn length_of<'gc>(value: Value<'gc>) -> Result<i64, Error<'gc>> {
    let integer = match crate::args::to_number(value) {
        Some(Number::Int(i)) => Some(i),
        Some(Number::Float(f)) => float_to_int(f),
        None => None,
    };
    integer.ok_or_else(|| Error::runtime("object length is not an integer"))
}

/// The continuation phase every table function gives to a `__len`
/// handler's answer (its other phases are its own).
pub const LENGTH: i64 = 0;

/// Starts a table function that needs `#object` (argument 1): `known`
/// runs with the length when nothing must be called; otherwise `__len` is
/// called and `then` resumes in phase [`LENGTH`], the answer at the
/// window's old top (read it with [`take_result`] and [`length_of`]).
pub fn with_length<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    then: ContinuationFn,
    known: impl FnOnce(Context<'gc>, &mut Call<'gc, '_>, i64) -> Result<Action<'gc>, Error<'gc>>,
) -> Result<Action<'gc>, Error<'gc>> {
    let object = call.get(0);
    match length(ctx, object)? {
        Length::Known(n) => known(ctx, call, n),
        Length::CallHandler(handler) => {
            let state = pack(LENGTH, call.len());
            call_handler(
                call,
                handler,
                &[object, object],
                Continuation::new(then, state),
            )
        }
    }
}

/// Pushes `handler` and its arguments and asks the executor to call it;
/// its results will start at the window length before this push.
#[inline]
pub fn call_handler<'gc>(
    call: &mut Call<'gc, '_>,
    handler: Value<'gc>,
    args: &[Value<'gc>],
    then: Continuation,
) -> Result<Action<'gc>, Error<'gc>> {
    call.push(handler)?;
    call.push_slice(args)?;
    Ok(Action::Call {
        nargs: args.len(),
        then,
    })
}

/// The first result of a handler whose results start at window slot
/// `mark`; the window is cut back to `mark`.
pub fn take_result<'gc>(call: &mut Call<'gc, '_>, mark: usize) -> Value<'gc> {
    let value = call.get(mark);
    call.truncate(mark);
    value
}

/// Window slot `slot` as an integer (slots the table functions fill with
/// their own integers).
#[inline]
pub fn int_slot(call: &Call<'_, '_>, slot: usize) -> i64 {
    match call.get(slot) {
        Value::Integer(i) => i,
        _ => 0,
    }
}

/// Packs a continuation state: a phase (which step a handler was called
/// for, below 256) and the window length where the handler's results start.
pub fn pack(phase: i64, mark: usize) -> i64 {
    ((mark as i64) << 8) | phase
}

/// Splits a continuation state made by [`pack`].
pub fn unpack(state: i64) -> (i64, usize) {
    (state & 0xff, (state >> 8) as usize)
}
