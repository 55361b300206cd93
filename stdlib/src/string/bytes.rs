//! Strings as byte sequences: `string.len`, `string.sub`, `string.byte`
//! and `string.char`.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::positions::{end_position, start_position};
use crate::args::{arg_error, check_integer, check_string, opt_integer};
use crate::results::{return_one, return_values};

/// `string.len(s)`: the length in bytes.
pub fn len<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    return_one(call, Value::Integer(s.len() as i64))
}

/// `string.sub(s, i [, j])`: the bytes from `i` to `j` (default: the end).
pub fn sub<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let bytes = s.as_bytes();
    let start = start_position(check_integer(ctx, call, 2)?, bytes.len());
    let end = end_position(opt_integer(ctx, call, 3, -1)?, bytes.len());
    let piece = if start <= end {
        &bytes[start - 1..end]
    } else {
        &[][..]
    };
    return_one(call, Value::String(ctx.intern(piece)))
}

/// `string.byte(s [, i [, j]])`: the codes of the bytes from `i` (default
/// 1) to `j` (default `i`), as integers.
pub fn byte<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let bytes = s.as_bytes();
    let first = opt_integer(ctx, call, 2, 1)?;
    let start = start_position(first, bytes.len());
    let end = end_position(opt_integer(ctx, call, 3, first)?, bytes.len());
    if start > end {
        return return_values(call, []);
    }
    let count = end - start + 1;
    if count >= i32::MAX as usize {
        return Err(Error::runtime("string slice too long"));
    }
    if !call.check_stack(count) {
        return Err(Error::runtime("stack overflow (string slice too long)"));
    }
    let codes = bytes[start - 1..end]
        .iter()
        .map(|&b| Value::Integer(i64::from(b)));
    return_values(call, codes)
}

/// `string.char(...)`: the string whose bytes have the given codes.
pub fn char<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let mut bytes = Vec::with_capacity(call.len());
    for arg in 1..=call.len() {
        let code = check_integer(ctx, call, arg)?;
        let byte =
            u8::try_from(code).map_err(|_| arg_error(ctx, call, arg, "value out of range"))?;
        bytes.push(byte);
    }
    return_one(call, Value::String(ctx.intern(&bytes)))
}
