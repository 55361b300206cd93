//! `table.concat(t [, sep [, i [, j]]])`: the strings and numbers
//! `t[i] .. sep .. ... .. sep .. t[j]`, read through `__index`.
//!
//! The text grows in a Rust buffer. When an `__index` handler must be
//! called, the buffer is parked in a userdata in the window until the
//! continuation takes it back (moved, not copied).

use std::cell::RefCell;

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use super::access::{
    LENGTH, READ_LENGTH, call_handler, check_table_like, get, int_slot, length_of, pack,
    take_result, unpack, with_length,
};
use crate::args::{opt_integer, opt_string};
use crate::buffer::{append, reserve};
use crate::lookup::Lookup;
use crate::results::return_one;

/// Phase: an `__index` handler gave the element at slot [`INDEX`].
const GOT: i64 = 1;

/// Window layout once the arguments are checked.
const TABLE: usize = 0;
const SEPARATOR: usize = 1;
const INDEX: usize = 2;
const LAST: usize = 3;
const BUFFER: usize = 4;
const SLOTS: usize = 5;

/// Room for the text of any number (`-1.2345678901234e-308` and
/// `-9223372036854775808` are the longest).
const MAX_NUMBER_TEXT: usize = 32;

/// The buffer parked while a handler runs.
struct Parked(RefCell<Vec<u8>>);

/// `table.concat`.
pub fn concat<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    check_table_like(ctx, call, 1, READ_LENGTH)?;
    with_length(ctx, call, resume, concat_with_length)
}

/// `concat` once the length is known; the window holds the arguments.
fn concat_with_length<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    n: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let separator = match opt_string(ctx, call, 2)? {
        Some(s) => Value::String(s),
        None => Value::String(ctx.intern(b"")),
    };
    let first = opt_integer(ctx, call, 3, 1)?;
    let last = opt_integer(ctx, call, 4, n)?;
    let table = call.get(0);
    call.clear();
    call.extend([
        table,
        separator,
        Value::Integer(first),
        Value::Integer(last),
        Value::Nil,
    ])?;
    run(ctx, call, Vec::new(), first)
}

/// Adds the elements from index `i` on to `text`.
fn run<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    mut text: Vec<u8>,
    mut i: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let table = call.get(TABLE);
    let last = int_slot(call, LAST);
    while i <= last {
        let value = match get(ctx, table, i)? {
            Lookup::Found(value) => value,
            Lookup::CallHandler { handler, object } => {
                park(ctx, call, text)?;
                call.set(INDEX, Value::Integer(i))?;
                let then = Continuation::new(resume, pack(GOT, SLOTS));
                return call_handler(call, handler, &[object, Value::Integer(i)], then);
            }
        };
        if !add_piece(ctx, call, &mut text, value, i)? {
            break;
        }
        i += 1;
    }
    finish(ctx, call, &text)
}

/// Returns the text as the result.
fn finish<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    text: &[u8],
) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, Value::String(ctx.intern(text)))
}

/// Appends element `i` (and the separator unless it is the last one);
/// `false` after the last one.
fn add_piece<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    text: &mut Vec<u8>,
    value: Value<'gc>,
    i: i64,
) -> Result<bool, Error<'gc>> {
    match value {
        Value::String(s) => append(ctx, text, s.as_bytes())?,
        Value::Integer(_) | Value::Number(_) => {
            // Written in place: no string object per number.
            reserve(ctx, text, MAX_NUMBER_TEXT)?;
            value.push_str_form(text);
        }
        _ => {
            return Err(Error::runtime(format!(
                "invalid value ({}) at index {i} in table for 'concat'",
                value.type_name()
            )));
        }
    }
    if i >= int_slot(call, LAST) {
        return Ok(false);
    }
    if let Value::String(separator) = call.get(SEPARATOR) {
        append(ctx, text, separator.as_bytes())?;
    }
    Ok(true)
}

/// Keeps `text` in the window's buffer slot while a handler runs.
fn park<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>, text: Vec<u8>) -> Result<(), Error<'gc>> {
    if let Value::UserData(userdata) = call.get(BUFFER)
        && let Some(parked) = userdata.downcast_ref::<Parked>()
    {
        *parked.0.borrow_mut() = text;
        return Ok(());
    }
    let userdata = UserData::new(ctx.mc, Box::new(Parked(RefCell::new(text))));
    call.set(BUFFER, Value::UserData(userdata))
}

/// Takes the parked text back.
fn unpark(call: &Call<'_, '_>) -> Vec<u8> {
    match call.get(BUFFER) {
        Value::UserData(userdata) => userdata
            .downcast_ref::<Parked>()
            .map(|parked| std::mem::take(&mut *parked.0.borrow_mut()))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn resume<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let (phase, mark) = unpack(state);
    let result = take_result(call, mark);
    if phase == LENGTH {
        let n = length_of(result)?;
        return concat_with_length(ctx, call, n);
    }
    let mut text = unpark(call);
    let i = int_slot(call, INDEX);
    if !add_piece(ctx, call, &mut text, result, i)? {
        return finish(ctx, call, &text);
    }
    run(ctx, call, text, i + 1)
}
