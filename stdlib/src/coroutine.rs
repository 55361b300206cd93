//! The coroutine library (`lcorolib.c`).
//!
//! Resuming, yielding and closing are actions the executor carries out
//! (DESIGN §5): these functions only check their arguments, ask, and
//! shape the answer in a continuation.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::thread::{Thread, ThreadStatus};
use saturn_vm::value::Value;

use crate::args::{check_function, check_thread, is_none};
use crate::register::{mark_loaded, set_functions};
use crate::results::{return_one, return_values};

/// Installs the `coroutine` table.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(
        ctx,
        library,
        &[
            ("create", create),
            ("resume", resume),
            ("running", running),
            ("status", status),
            ("wrap", wrap),
            ("yield", yield_),
            ("isyieldable", isyieldable),
            ("close", close),
        ],
    );
    ctx.set_global("coroutine", Value::Table(library));
    mark_loaded(ctx, "coroutine", Value::Table(library));
}

/// The status of `co` as seen from the running thread.
fn status_of<'gc>(call: &Call<'gc, '_>, co: Thread<'gc>) -> ThreadStatus {
    if co.ptr_eq(call.thread()) {
        ThreadStatus::Running
    } else {
        co.status()
    }
}

/// `coroutine.create(f)`: a new suspended coroutine that will run `f`.
pub fn create<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let function = check_function(ctx, call, 1)?;
    let co = Thread::with_function(ctx.mc, function);
    return_one(call, Value::Thread(co))
}

/// `coroutine.resume(co, ...)`: `true` and what `co` yielded or returned,
/// or `false` and the error.
pub fn resume<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let co = check_thread(ctx, call, 1)?;
    Ok(Action::Resume {
        thread: co,
        nargs: call.len() - 1,
        then: Continuation::new(resumed, 0),
    })
}

/// The window holds `co` and the values it passed back.
fn resumed<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => {
            call.set(0, Value::Boolean(true))?;
            Ok(Action::Return(call.len()))
        }
        Outcome::Err(error) => return_values(call, [Value::Boolean(false), error]),
    }
}

/// `coroutine.wrap(f)`: a function that resumes a new coroutine running
/// `f`, returning what it yields and raising its errors.
pub fn wrap<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let function = check_function(ctx, call, 1)?;
    let co = Thread::with_function(ctx.mc, function);
    return_one(
        call,
        ctx.native_with_upvalues(resume_wrapped, [Value::Thread(co)]),
    )
}

/// The function `wrap` returns; upvalue 0 is the coroutine.
fn resume_wrapped<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let Value::Thread(co) = call.upvalue(0) else {
        return Err(Error::runtime("cannot resume a missing coroutine"));
    };
    Ok(Action::Resume {
        thread: co,
        nargs: call.len(),
        then: Continuation::new(wrapped_resumed, 0),
    })
}

fn wrapped_resumed<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let error = match outcome {
        Outcome::Ok => return Ok(Action::Return(call.len())),
        Outcome::Err(error) => error,
    };
    let Value::Thread(co) = call.upvalue(0) else {
        return Err(wrap_error(ctx, call, error));
    };
    // A coroutine that died of an error still has its to-be-closed
    // variables pending: close them, and report what closing reports.
    let died_with_error = co.status() == ThreadStatus::Dead
        && co.0.try_borrow().is_ok_and(|state| state.error.is_some());
    if !died_with_error {
        return Err(wrap_error(ctx, call, error));
    }
    call.clear();
    call.push(error)?;
    Ok(Action::CloseThread {
        thread: co,
        then: Continuation::new(wrapped_closed, 0),
    })
}

/// After closing a wrapped coroutine that failed: the window holds the
/// original error; a `__close` handler's error replaces it.
fn wrapped_closed<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let error = match outcome {
        Outcome::Err(error) => error,
        Outcome::Ok => call.get(0),
    };
    Err(wrap_error(ctx, call, error))
}

/// The error a wrapped coroutine's failure raises in its resumer: string
/// messages get the resumer's position prefixed (except memory errors).
fn wrap_error<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>, error: Value<'gc>) -> Error<'gc> {
    match error {
        Value::String(message) if message.as_bytes() != b"not enough memory" => {
            let mut text = call.where_(1).into_bytes();
            text.extend_from_slice(message.as_bytes());
            Error::Value(Value::String(ctx.intern(&text)))
        }
        _ => Error::Value(error),
    }
}

/// `coroutine.yield(...)`: suspends the running coroutine; `resume`'s
/// next arguments become its results.
pub fn yield_<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    Ok(Action::Yield {
        nvalues: call.len(),
        then: None,
    })
}

/// `coroutine.status(co)`: "running", "suspended", "normal" or "dead".
pub fn status<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let co = check_thread(ctx, call, 1)?;
    let name = status_of(call, co).name();
    return_one(call, ctx.str(name))
}

/// `coroutine.running()`: the running coroutine and whether it is the
/// main one.
pub fn running<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let is_main = !call.is_yieldable();
    return_values(
        call,
        [Value::Thread(call.thread()), Value::Boolean(is_main)],
    )
}

/// `coroutine.isyieldable([co])`: whether `co` (default: the running
/// coroutine) may yield. The main thread may not; the running coroutine
/// answers as in PUC, false inside a callback of a library function such as
/// `string.gsub` (although Saturn lets a Lua callback yield there).
pub fn isyieldable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let yieldable = if is_none(call, 1) {
        call.is_yieldable_in_puc()
    } else {
        let co = check_thread(ctx, call, 1)?;
        if co.ptr_eq(call.thread()) {
            call.is_yieldable_in_puc()
        } else {
            !co.ptr_eq(ctx.main_thread())
        }
    };
    return_one(call, Value::Boolean(yieldable))
}

/// `coroutine.close(co)`: closes a suspended or dead coroutine, running
/// its pending `__close` handlers; `true`, or `false` and the error.
pub fn close<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let co = check_thread(ctx, call, 1)?;
    match status_of(call, co) {
        ThreadStatus::Suspended | ThreadStatus::Dead => {}
        other => {
            return Err(Error::runtime(format!(
                "cannot close a {} coroutine",
                other.name()
            )));
        }
    }
    call.clear();
    Ok(Action::CloseThread {
        thread: co,
        then: Continuation::new(closed, 0),
    })
}

fn closed<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => return_one(call, Value::Boolean(true)),
        Outcome::Err(error) => return_values(call, [Value::Boolean(false), error]),
    }
}
