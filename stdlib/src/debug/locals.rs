//! `debug.getlocal` and `debug.setlocal`.

use saturn_vm::closure::Function;
use saturn_vm::debug_info::{LocalSlot, find_local, frame_at_level, parameter_name};
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::thread::Thread;
use saturn_vm::value::Value;

use super::{thread_arg, with_thread};
use crate::args::{arg_error, check_any, check_integer};
use crate::results::{return_one, return_values};

/// Local `n` of the function at `level` of `thread`; `Err(())` when the
/// level does not exist.
fn local_at<'gc>(
    call: &Call<'gc, '_>,
    thread: Thread<'gc>,
    level: i64,
    n: i64,
) -> Result<Option<(LocalSlot, Value<'gc>)>, ()> {
    let level = usize::try_from(level).map_err(|_| ())?;
    with_thread(call, thread, |ts, top| {
        let index = frame_at_level(ts, top, level).ok_or(())?;
        Ok(find_local(ts, index, top, n).map(|local| {
            let value = ts.stack.get(local.slot).copied().unwrap_or_default();
            (local, value)
        }))
    })
    .unwrap_or(Err(()))
}

/// `debug.getlocal([thread,] f | level, n)`: the name and value of a
/// local variable, or only the name of a parameter of function `f`.
pub fn getlocal<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (thread, arg) = thread_arg(call);
    let n = check_integer(ctx, call, arg + 2)?;
    if let Some(function) = call.get(arg).as_function() {
        let name = match function {
            Function::Lua(c) => usize::try_from(n)
                .ok()
                .and_then(|n| parameter_name(&c.proto.proto, n))
                .map(|name| Value::String(ctx.intern(name))),
            Function::Native(_) => None,
        };
        return return_one(call, name.unwrap_or_default());
    }
    let level = check_integer(ctx, call, arg + 1)?;
    match local_at(call, thread, level, n) {
        Err(()) => Err(arg_error(ctx, call, arg + 1, "level out of range")),
        Ok(None) => return_one(call, Value::Nil),
        Ok(Some((local, value))) => {
            return_values(call, [Value::String(ctx.intern(&local.name)), value])
        }
    }
}

/// `debug.setlocal([thread,] level, n, value)`: assigns a local variable
/// and returns its name (nil when there is none).
pub fn setlocal<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (thread, arg) = thread_arg(call);
    let level = check_integer(ctx, call, arg + 1)?;
    let n = check_integer(ctx, call, arg + 2)?;
    let found = local_at(call, thread, level, n);
    if found.is_err() {
        return Err(arg_error(ctx, call, arg + 1, "level out of range"));
    }
    let value = check_any(ctx, call, arg + 3)?;
    let Ok(Some((local, _))) = found else {
        return return_one(call, Value::Nil);
    };
    if thread.ptr_eq(call.thread()) {
        call.thread_state_mut().stack[local.slot] = value;
    } else if let Ok(mut ts) = thread.0.try_borrow_mut(ctx.mc)
        && let Some(slot) = ts.stack.get_mut(local.slot)
    {
        *slot = value;
    }
    return_one(call, Value::String(ctx.intern(&local.name)))
}
