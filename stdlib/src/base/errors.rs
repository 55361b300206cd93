//! Raising and catching errors: `error`, `assert`, `pcall`, `xpcall`.
//!
//! The protected calls do not run their function themselves: they ask the
//! executor for a protected call and finish in a continuation, so the
//! function may yield across them.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{check_any, check_function, opt_integer};
use crate::results::return_values;

/// The error value `error` raises: string messages get the position of
/// the function `level` levels up (1: the caller of `error`), when known.
fn positioned<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    message: Value<'gc>,
    level: i64,
) -> Value<'gc> {
    match message {
        Value::String(text) if level > 0 => {
            let mut full = call.where_(usize::try_from(level).unwrap_or(usize::MAX));
            full.extend_from_slice(text.as_bytes());
            Value::String(ctx.intern(&full))
        }
        _ => message,
    }
}

/// `error(message [, level])`: raises `message`; non-string values are
/// raised unchanged.
pub fn error<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let level = opt_integer(ctx, call, 2, 1)?;
    Err(Error::Value(positioned(ctx, call, call.get(0), level)))
}

/// `assert(v [, message, ...])`: returns all its arguments when `v` is
/// true, else raises `message` (default "assertion failed!") as `error`
/// would at level 1.
pub fn assert<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if !call.get(0).is_falsy() {
        return Ok(Action::Return(call.len()));
    }
    check_any(ctx, call, 1)?;
    let message = if call.len() >= 2 {
        call.get(1)
    } else {
        ctx.str("assertion failed!")
    };
    Err(Error::Value(positioned(ctx, call, message, 1)))
}

/// `pcall(f, ...)`: `true` and the results of `f(...)`, or `false` and the
/// error.
pub fn pcall<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    check_any(ctx, call, 1)?;
    Ok(Action::ProtectedCall {
        nargs: call.len() - 1,
        handler: None,
        then: Continuation::new(finish_protected_call, 0),
    })
}

/// `xpcall(f, handler, ...)`: like `pcall`, but the error goes through
/// `handler`, called where the error happened (the stack still intact).
pub fn xpcall<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let handler = check_function(ctx, call, 2)?;
    call.remove(1);
    Ok(Action::ProtectedCall {
        nargs: call.len() - 1,
        handler: Some(handler),
        then: Continuation::new(finish_protected_call, 0),
    })
}

/// The window holds all the results (success) or nothing (error).
fn finish_protected_call<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => {
            call.insert(0, Value::Boolean(true))?;
            Ok(Action::Return(call.len()))
        }
        Outcome::Err(error) => return_values(call, [Value::Boolean(false), error]),
    }
}
