//! `debug.sethook` and `debug.gethook`. The hooks themselves live in the
//! VM (`saturn_vm::hook`); PUC's registry table `_HOOKKEY` (thread →
//! hook function, weak keys) is kept too, as Lua code may look at it.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::hook::{MASK_CALL, MASK_COUNT, MASK_LINE, MASK_RETURN};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

use super::thread_arg;
use crate::args::{check_function, check_string, is_none_or_nil, opt_integer};
use crate::results::{return_one, return_values};

/// The registry's hook table, created with weak keys on first use.
fn hook_table<'gc>(ctx: Context<'gc>) -> Table<'gc> {
    let key = ctx.intern(b"_HOOKKEY");
    if let Value::Table(t) = ctx.registry().get_str(ctx.mc, key) {
        return t;
    }
    let table = ctx.new_table();
    table.set_str(ctx.mc, ctx.intern(b"__mode"), ctx.str("k"));
    ctx.set_metatable(Value::Table(table), Some(table));
    ctx.registry().set_str(ctx.mc, key, Value::Table(table));
    table
}

/// The mask of a `sethook` event string and count (PUC's `makemask`).
fn make_mask(events: &[u8], count: i32) -> u8 {
    let mut mask = 0;
    for (letter, bit) in [(b'c', MASK_CALL), (b'r', MASK_RETURN), (b'l', MASK_LINE)] {
        if events.contains(&letter) {
            mask |= bit;
        }
    }
    if count > 0 {
        mask |= MASK_COUNT;
    }
    mask
}

/// `debug.sethook([thread,] hook, mask [, count])`, or with no hook, turns
/// hooks off.
pub fn sethook<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (thread, arg) = thread_arg(call);
    let (function, mask, count) = if is_none_or_nil(call, arg + 1) {
        (Value::Nil, 0, 0)
    } else {
        let events = check_string(ctx, call, arg + 2)?;
        let function = check_function(ctx, call, arg + 1)?;
        // PUC keeps the count in a C `int`.
        let count = opt_integer(ctx, call, arg + 3, 0)? as i32;
        (function, make_mask(events.as_bytes(), count), count)
    };
    hook_table(ctx)
        .set(ctx.mc, Value::Thread(thread), function)
        .map_err(|e| Error::runtime(e.message()))?;
    let current = thread.ptr_eq(call.thread());
    if current {
        call.thread_state_mut().hook.set(function, mask, count);
    } else if let Ok(mut ts) = thread.0.try_borrow_mut(ctx.mc) {
        ts.hook.set(function, mask, count);
    }
    call.clear();
    // The interpreter loop is entered again to pick up the new hooks.
    Ok(if current {
        Action::ReturnToExecutor(0)
    } else {
        Action::Return(0)
    })
}

/// `debug.gethook([thread])`: the hook function, its event string and
/// count, or fail when no hook is set.
pub fn gethook<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (thread, _) = thread_arg(call);
    let settings = if thread.ptr_eq(call.thread()) {
        let hook = &call.thread_state().hook;
        Some((hook.function, hook.mask(), hook.count()))
    } else {
        thread
            .0
            .try_borrow()
            .ok()
            .map(|ts| (ts.hook.function, ts.hook.mask(), ts.hook.count()))
    };
    let Some((function, mask, count)) = settings.filter(|s| s.1 != 0) else {
        return return_one(call, Value::Nil);
    };
    let mut events = Vec::new();
    for (letter, bit) in [(b'c', MASK_CALL), (b'r', MASK_RETURN), (b'l', MASK_LINE)] {
        if mask & bit != 0 {
            events.push(letter);
        }
    }
    return_values(
        call,
        [
            function,
            Value::String(ctx.intern(&events)),
            Value::Integer(i64::from(count)),
        ],
    )
}
