//! Functions that build a new string from a whole one: `string.upper`,
//! `string.lower`, `string.reverse`, `string.rep`.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{check_integer, check_string, opt_string};
use crate::results::return_one;

/// The longest string `string.rep` builds (PUC's `MAXSIZE` in `lstrlib.c`,
/// `INT_MAX` on 64-bit machines).
const MAX_STRING_SIZE: usize = i32::MAX as usize;

/// Returns `f` applied to every byte of argument 1 (letters as in the C
/// locale).
fn map_bytes<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    f: fn(&u8) -> u8,
) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let mapped: Vec<u8> = s.as_bytes().iter().map(f).collect();
    return_one(call, Value::String(ctx.intern(&mapped)))
}

/// `string.upper(s)`.
pub fn upper<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    map_bytes(ctx, call, u8::to_ascii_uppercase)
}

/// `string.lower(s)`.
pub fn lower<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    map_bytes(ctx, call, u8::to_ascii_lowercase)
}

/// `string.reverse(s)`.
pub fn reverse<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let reversed: Vec<u8> = s.as_bytes().iter().rev().copied().collect();
    return_one(call, Value::String(ctx.intern(&reversed)))
}

/// `string.rep(s, n [, sep])`: `n` copies of `s` separated by `sep`.
pub fn rep<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let n = check_integer(ctx, call, 2)?;
    let separator = opt_string(ctx, call, 3)?;
    let (s, separator) = (
        s.as_bytes(),
        separator.map_or(&[][..], |sep| sep.as_bytes()),
    );
    // Also spares the loop below when every copy is empty.
    if n <= 0 || s.is_empty() && separator.is_empty() {
        return return_one(call, ctx.str(""));
    }
    let copies = usize::try_from(n).unwrap_or(usize::MAX);
    let unit = s.len() + separator.len();
    if unit > MAX_STRING_SIZE / copies {
        return Err(Error::runtime("resulting string too large"));
    }
    let total = copies * s.len() + (copies - 1) * separator.len();
    let mut result = ctx.string_buffer(total)?;
    for copy in 0..copies {
        if copy > 0 {
            result.extend_from_slice(separator);
        }
        result.extend_from_slice(s);
    }
    return_one(call, Value::String(ctx.intern(&result)))
}
