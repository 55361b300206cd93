//! `string.gmatch`: an iterator over the matches of a pattern.
//!
//! The iterator is a native function whose upvalues are the subject, the
//! pattern and a userdata holding where the next search starts and where
//! the last match ended (so an empty match right after a match is
//! skipped, as in Lua 5.4).

use std::cell::Cell;

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use super::matcher::{Matcher, step_budget};
use super::push_captures;
use crate::args::{check_string, opt_integer};
use crate::results::return_one;
use crate::string::positions::start_position;

/// Where an iterator is in its subject.
struct Progress {
    /// Where the next search starts (past the end once exhausted).
    next: Cell<usize>,
    /// Where the last match ended.
    last_match: Cell<Option<usize>>,
}

/// `string.gmatch(s, pattern [, init])`. A `^` in the pattern is an
/// ordinary byte here: an anchor would stop the iteration.
pub fn gmatch<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let subject = check_string(ctx, call, 1)?;
    let pattern = check_string(ctx, call, 2)?;
    let init = start_position(opt_integer(ctx, call, 3, 1)?, subject.len()) - 1;
    let progress = Progress {
        next: Cell::new(init.min(subject.len() + 1)),
        last_match: Cell::new(None),
    };
    let progress = UserData::new(ctx.mc, Box::new(progress));
    let iterator = ctx.native_with_upvalues(
        next_match,
        [
            Value::String(subject),
            Value::String(pattern),
            Value::UserData(progress),
        ],
    );
    return_one(call, iterator)
}

/// The iterator: the captures of the next match, or nothing at the end.
fn next_match<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let (Value::String(subject), Value::String(pattern), Value::UserData(state)) =
        (call.upvalue(0), call.upvalue(1), call.upvalue(2))
    else {
        return Err(Error::runtime("gmatch iterator without its state"));
    };
    let Some(progress) = state.downcast_ref::<Progress>() else {
        return Err(Error::runtime("gmatch iterator without its state"));
    };
    let subject = subject.as_bytes();
    let mut matcher = Matcher::new(subject, pattern.as_bytes(), step_budget(subject.len()));
    call.clear();
    for start in progress.next.get()..=subject.len() {
        if let Some(end) = matcher.match_at(start)?
            && progress.last_match.get() != Some(end)
        {
            progress.next.set(end);
            progress.last_match.set(Some(end));
            let count = push_captures(ctx, call, &matcher, true, start, end)?;
            return Ok(Action::Return(count));
        }
    }
    progress.next.set(subject.len() + 1);
    Ok(Action::Return(0))
}
