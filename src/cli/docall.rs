//! `lua.c`'s `docall`: a chunk runs under a message handler, so an error is
//! turned into text at the point where it was raised, with the stack still
//! intact. An error object's `__tostring` therefore runs inside the failing
//! program (it may inspect the stack with `debug.getinfo`), and the
//! traceback is taken from there.

use saturn_stdlib::tostring::plain_text;
use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

/// `docall(f, ...)`: `true, results...` when `f` returns, `false, report`
/// when it fails, where `report` is what [`message_handler`] made of the
/// error.
pub fn docall<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let nargs = call.len().saturating_sub(1);
    Ok(Action::ProtectedCall {
        nargs,
        handler: Some(ctx.native(message_handler)),
        then: Continuation::new(finished, 0),
    })
}

fn finished<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => {
            call.insert(0, Value::Boolean(true))?;
            Ok(Action::Return(call.len()))
        }
        Outcome::Err(report) => {
            call.clear();
            call.extend([Value::Boolean(false), report])?;
            Ok(Action::Return(2))
        }
    }
}

/// `lua.c`'s `msghandler`: a string (or number) error gets a traceback; an
/// error object with a `__tostring` that gives a string is reported as that
/// string alone; any other value as `(error object is a T value)` plus a
/// traceback.
fn message_handler<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let error = call.get(0);
    if let Value::String(_) | Value::Integer(_) | Value::Number(_) = error {
        let text = plain_text(ctx, error);
        return with_traceback(ctx, call, text.as_bytes());
    }
    let handler = metamethod(ctx, error, MetaEvent::ToString);
    if handler.is_nil() {
        return without_text(ctx, call, error);
    }
    call.truncate(1);
    call.extend([handler, error])?;
    Ok(Action::Call {
        nargs: 1,
        then: Continuation::new(converted, 0),
    })
}

/// The error object's `__tostring` returned: a string is the report.
fn converted<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match call.get(1) {
        text @ Value::String(_) => {
            call.clear();
            call.push(text)?;
            Ok(Action::Return(1))
        }
        _ => without_text(ctx, call, call.get(0)),
    }
}

fn without_text<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    error: Value<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let text = format!("(error object is a {} value)", error.type_name());
    with_traceback(ctx, call, text.as_bytes())
}

/// `luaL_traceback(L, L, text, 1)`: the stack from the function that raised
/// the error down to [`docall`], which prints as the host's `[C]: in ?`.
fn with_traceback<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    text: &[u8],
) -> Result<Action<'gc>, Error<'gc>> {
    let report = call.traceback(ctx, Some(text), 1);
    call.clear();
    call.push(Value::String(ctx.intern(&report)))?;
    Ok(Action::Return(1))
}
