//! The iterators of `io.lines` and `file:lines`: native closures holding
//! the file, the number of formats, whether to close the file at the end,
//! and the formats themselves.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::file::to_file;
use super::handle_ops::{close_file, read_values};
use crate::args::arg_error;
use crate::results::return_values;

/// The most formats an iterator keeps (PUC's `MAXARGLINE`).
const MAX_FORMATS: usize = 250;

/// The iterator reading window arguments `2..` as formats from the file
/// in argument 1; `close_at_end` closes the file when it is exhausted.
pub fn iterator<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    close_at_end: bool,
) -> Result<Value<'gc>, Error<'gc>> {
    let formats = call.len().saturating_sub(1);
    if formats > MAX_FORMATS {
        return Err(arg_error(ctx, call, MAX_FORMATS + 2, "too many arguments"));
    }
    let mut upvalues = Vec::with_capacity(3 + formats);
    upvalues.push(call.get(0));
    upvalues.push(Value::Integer(formats as i64));
    upvalues.push(Value::Boolean(close_at_end));
    upvalues.extend_from_slice(&call.args()[1..]);
    Ok(ctx.native_with_upvalues(next_line, upvalues))
}

/// One step of the iteration: the values read, or nothing at the end
/// (closing the file if the iterator opened it).
fn next_line<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let file = to_file(call.upvalue(0))
        .filter(|file| file.borrow().is_some())
        .ok_or("file is already closed")?;
    let formats = match call.upvalue(1) {
        Value::Integer(n) => n as usize,
        _ => 0,
    };
    call.set_len(1)?;
    for i in 0..formats {
        call.push(call.upvalue(3 + i))?;
    }
    let results = read_values(ctx, call, &file, 2)?;
    let first = call.len() - results;
    if !call.get(first).is_falsy() {
        return Ok(Action::Return(results));
    }
    if results > 1
        && let Value::String(message) = call.get(first + 1)
    {
        return Err(Error::Runtime(message.as_bytes().to_vec()));
    }
    if !call.upvalue(2).is_falsy() {
        close_file(ctx, call, &file)?;
    }
    return_values(call, [])
}
