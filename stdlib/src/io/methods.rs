//! The methods of file handles (`file:read`, `file:seek`, ...) and their
//! metamethods (`__gc`, `__close`, `__tostring`).

use std::io::SeekFrom;

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::file::{check_handle, check_open, fail_values, file_result, with_stream};
use super::handle_ops::{close_file, read_values, write_values};
use super::stream::Buffering;
use super::{error, lines};
use crate::args::{check_option, opt_integer};
use crate::results::{return_one, return_values};

/// `file:close()`.
pub fn close<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_open(ctx, call, 1)?;
    close_file(ctx, call, &file)
}

/// `file:flush()`.
pub fn flush<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_open(ctx, call, 1)?;
    let result = with_stream(&file, |stream| stream.flush());
    file_result(ctx, call, result, None)
}

/// `file:lines(...)`: an iterator that leaves the file open at the end.
pub fn lines<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    check_open(ctx, call, 1)?;
    let iterator = lines::iterator(ctx, call, false)?;
    return_one(call, iterator)
}

/// `file:read(...)`.
pub fn read<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_open(ctx, call, 1)?;
    let results = read_values(ctx, call, &file, 2)?;
    Ok(Action::Return(results))
}

/// `file:write(...)`: returns the file.
pub fn write<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_open(ctx, call, 1)?;
    let handle = call.get(0);
    write_values(ctx, call, &file, 2, handle)
}

/// `file:seek([whence [, offset]])`: the new position from the start.
pub fn seek<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_open(ctx, call, 1)?;
    let whence = check_option(ctx, call, 2, Some("cur"), &["set", "cur", "end"])?;
    let offset = opt_integer(ctx, call, 3, 0)?;
    let target = match whence {
        0 => u64::try_from(offset).map(SeekFrom::Start).ok(),
        1 => Some(SeekFrom::Current(offset)),
        _ => Some(SeekFrom::End(offset)),
    };
    // A negative absolute position is C's EINVAL.
    let result = match target {
        Some(target) => with_stream(&file, |stream| stream.seek(target)),
        None => Err(error::invalid_argument()),
    };
    match result {
        Ok(position) => return_one(call, Value::Integer(position as i64)),
        Err(err) => return_values(call, fail_values(ctx, &err, None)),
    }
}

/// `file:setvbuf(mode [, size])`.
pub fn setvbuf<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_open(ctx, call, 1)?;
    let mode = match check_option(ctx, call, 2, None, &["no", "full", "line"])? {
        0 => Buffering::No,
        1 => Buffering::Full,
        _ => Buffering::Line,
    };
    opt_integer(ctx, call, 3, 1024)?;
    let result = with_stream(&file, |stream| stream.set_buffering(mode));
    file_result(ctx, call, result, None)
}

/// `__gc` and `__close`: closes the file if it is still open.
pub fn collect<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_handle(ctx, call, 1)?;
    if file.borrow().is_some() {
        close_file(ctx, call, &file)?;
    }
    return_values(call, [])
}

/// `__tostring`: `file (0x...)` or `file (closed)`.
pub fn to_string<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let file = check_handle(ctx, call, 1)?;
    let text = match (file.borrow().is_some(), call.get(0)) {
        (true, Value::UserData(ud)) => format!("file ({:p})", ud.as_ptr()),
        _ => "file (closed)".to_string(),
    };
    return_one(call, ctx.str(&text))
}
