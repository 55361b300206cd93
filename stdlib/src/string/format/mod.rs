//! `string.format(fmt, ...)`: C's `printf` conversions with Lua's values
//! and PUC Lua 5.4's rules.
//!
//! - `spec` reads a conversion specification and checks it against what
//!   its conversion accepts;
//! - `integer` holds `%d %i %u %o %x %X %c`, `field` the padding of
//!   every item; floats (`%a %A %e %E %f %g %G`) are
//!   `saturn_vm::number::push_formatted_float`;
//! - `literal` holds `%q`.
//!
//! `%s` converts its argument with `tostring`'s rules. A `__tostring`
//! metamethod is called through the executor (so it may yield): the text
//! built so far and the position of the `%s` wait in the window, and the
//! conversion goes on in `tostring_returned`.
//!
//! Texts from `%s` and `%q` are the only items whose size the format does
//! not bound: they grow the output with `crate::buffer::reserve`, so a
//! huge one fails with "not enough memory" rather than aborting.

use std::cell::Cell;

mod field;
mod integer;
mod literal;
mod spec;

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::number::{push_formatted_float, push_int};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::value::Value;

use self::field::push_field;
use self::integer::{push_char, push_integer};
use self::literal::push_literal;
use self::spec::{FLOAT_FLAGS, RADIX_FLAGS, SIGNED_FLAGS, Spec, TEXT_FLAGS, UNSIGNED_FLAGS};
use crate::args::{arg_error, check_float, check_integer, check_string};
use crate::buffer::reserve;
use crate::results::return_one;
use crate::tostring::{self, Conversion};

/// Where a conversion is: how many arguments `format` got, and the
/// argument (1-based, as in messages) the last specification used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Progress {
    count: usize,
    arg: usize,
}

impl Progress {
    /// Both fit in 32 bits: a window never holds more than `MAX_STACK`
    /// values.
    fn pack(self) -> i64 {
        ((self.arg as i64) << 32) | self.count as i64
    }

    fn unpack(state: i64) -> Progress {
        Progress {
            count: (state & 0xffff_ffff) as usize,
            arg: (state >> 32) as usize,
        }
    }
}

/// `string.format(fmt, ...)`.
pub fn format<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let format = check_string(ctx, call, 1)?;
    // A numeric format was converted; keep the string for the
    // continuation.
    call.set(0, Value::String(format))?;
    let progress = Progress {
        count: call.len(),
        arg: 1,
    };
    let mut out = SPARE_BUFFER.take();
    out.clear();
    out.reserve(format.len() + 16);
    format_from(ctx, call, format, progress, 0, out)
}

/// The largest buffer kept for the next call.
const SPARE_CAPACITY: usize = 4096;

thread_local! {
    /// The result buffer of the last `format`, kept so that the next
    /// short one (`format("%d", n)` in a loop) allocates nothing but its
    /// string.
    static SPARE_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// The result: `out` as a string; `out` is kept for the next call.
fn finish<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    out: Vec<u8>,
) -> Result<Action<'gc>, Error<'gc>> {
    let result = ctx.intern(&out);
    if out.capacity() <= SPARE_CAPACITY {
        SPARE_BUFFER.set(out);
    }
    return_one(call, Value::String(result))
}

/// Goes on with the format from byte `pos`, `out` holding the text so far.
fn format_from<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    format: LuaString<'gc>,
    mut progress: Progress,
    mut pos: usize,
    mut out: Vec<u8>,
) -> Result<Action<'gc>, Error<'gc>> {
    let bytes = format.as_bytes();
    while pos < bytes.len() {
        let plain_end = bytes[pos..]
            .iter()
            .position(|&b| b == b'%')
            .map_or(bytes.len(), |offset| pos + offset);
        out.extend_from_slice(&bytes[pos..plain_end]);
        pos = plain_end;
        if pos == bytes.len() {
            break;
        }
        if bytes.get(pos + 1) == Some(&b'%') {
            out.push(b'%');
            pos += 2;
            continue;
        }
        progress.arg += 1;
        if progress.arg > progress.count {
            return Err(arg_error(ctx, call, progress.arg, "no value"));
        }
        let spec = spec::read(bytes, pos + 1)?;
        if spec.conversion == b's' {
            let value = call.get(progress.arg - 1);
            // Fast path: a string or number without `__tostring`, whole.
            if spec.modifiers.is_empty()
                && (value.is_number() || matches!(value, Value::String(_)))
                && metamethod(ctx, value, MetaEvent::ToString).is_nil()
            {
                if let Value::String(s) = value {
                    reserve(ctx, &mut out, s.len())?;
                }
                value.push_str_form(&mut out);
            } else {
                match tostring::start(ctx, value) {
                    Conversion::Done(text) => {
                        push_text(ctx, call, &mut out, &spec, progress.arg, text.as_bytes())?
                    }
                    Conversion::CallMetamethod(handler) => {
                        return call_tostring(ctx, call, progress, pos + 1, &out, handler, value);
                    }
                }
            }
        } else {
            convert(ctx, call, &mut out, &spec, progress.arg)?;
        }
        pos = spec.end;
    }
    finish(ctx, call, out)
}

/// Converts argument `arg` with every conversion but `%s`.
fn convert<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    out: &mut Vec<u8>,
    spec: &Spec<'_>,
    arg: usize,
) -> Result<(), Error<'gc>> {
    // The order of the checks (specification or argument first) is PUC's,
    // so a bad call fails with the same message.
    match spec.conversion {
        b'c' => {
            let layout = spec.check(TEXT_FLAGS, false)?;
            push_char(out, check_integer(ctx, call, arg)?, layout);
        }
        conversion @ (b'd' | b'i' | b'u' | b'o' | b'x' | b'X') => {
            let n = check_integer(ctx, call, arg)?;
            if spec.modifiers.is_empty() && matches!(conversion, b'd' | b'i') {
                push_int(out, n);
            } else {
                let flags = match conversion {
                    b'd' | b'i' => SIGNED_FLAGS,
                    b'u' => UNSIGNED_FLAGS,
                    _ => RADIX_FLAGS,
                };
                push_integer(out, n, conversion, spec.check(flags, true)?);
            }
        }
        conversion @ (b'a' | b'A') => {
            let layout = spec.check(FLOAT_FLAGS, true)?;
            let n = check_float(ctx, call, arg)?;
            push_formatted_float(out, n, conversion, layout.precision, layout.flags);
        }
        conversion @ (b'e' | b'E' | b'f' | b'g' | b'G') => {
            let n = check_float(ctx, call, arg)?;
            let layout = spec.check(FLOAT_FLAGS, true)?;
            push_formatted_float(out, n, conversion, layout.precision, layout.flags);
        }
        b'p' => {
            let address = address_of(call.get(arg - 1));
            let layout = spec.check(TEXT_FLAGS, false)?;
            match address {
                Some(address) => {
                    let digits = format!("{address:x}");
                    push_field(out, b"0x", digits.as_bytes(), layout.flags, false);
                }
                None => push_field(out, b"", b"(null)", layout.flags, false),
            }
        }
        b'q' => {
            if !spec.modifiers.is_empty() {
                return Err(Error::runtime("specifier '%q' cannot have modifiers"));
            }
            let value = call.get(arg - 1);
            if let Value::String(s) = value {
                // The worst case: every byte escaped as `\ddd`.
                reserve(ctx, out, s.len().saturating_mul(4).saturating_add(2))?;
            }
            if !push_literal(out, value) {
                return Err(arg_error(ctx, call, arg, "value has no literal form"));
            }
        }
        _ => return Err(spec.unknown_conversion()),
    }
    Ok(())
}

/// The address `%p` shows: that of the object for strings, tables,
/// functions, threads and userdata, none for the other values (PUC's
/// `lua_topointer`).
fn address_of(value: Value<'_>) -> Option<usize> {
    let pointer = match value {
        Value::String(s) => s.as_ptr(),
        Value::Table(t) => t.as_ptr(),
        Value::LuaFunction(_) | Value::NativeFunction(_) => value.as_function()?.as_ptr(),
        Value::Thread(t) => t.as_ptr(),
        Value::UserData(u) => u.as_ptr(),
        Value::LightUserData(address) => return (address != 0).then_some(address),
        Value::Nil | Value::Boolean(_) | Value::Integer(_) | Value::Number(_) => return None,
    };
    Some(pointer as usize)
}

/// Appends the text of a `%s`: whole without modifiers; otherwise cut to
/// the precision and padded to the width, which C cannot do for a text
/// with zero bytes. (PUC also appends texts of 100 bytes or more whole
/// when there is no precision; the width, at most 99, pads nothing then.)
fn push_text<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    out: &mut Vec<u8>,
    spec: &Spec<'_>,
    arg: usize,
    text: &[u8],
) -> Result<(), Error<'gc>> {
    if spec.modifiers.is_empty() {
        reserve(ctx, out, text.len())?;
        out.extend_from_slice(text);
        return Ok(());
    }
    if text.contains(&0) {
        return Err(arg_error(ctx, call, arg, "string contains zeros"));
    }
    let layout = spec.check(TEXT_FLAGS, true)?;
    let shown = match layout.precision {
        Some(precision) => &text[..precision.min(text.len())],
        None => text,
    };
    push_field(out, b"", shown, layout.flags, false);
    Ok(())
}

/// Asks the executor to call `handler` (a `__tostring`) on `value`; the
/// window keeps the text so far and where the `%s` specification starts.
fn call_tostring<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    progress: Progress,
    spec_start: usize,
    out: &[u8],
    handler: Value<'gc>,
    value: Value<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    call.extend([
        Value::String(ctx.intern(out)),
        Value::Integer(spec_start as i64),
        handler,
        value,
    ])?;
    Ok(Action::Call {
        nargs: 1,
        then: Continuation::new(tostring_returned, progress.pack()),
    })
}

/// A `__tostring` called for a `%s` returned: lay its text out and go on.
fn tostring_returned<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let progress = Progress::unpack(state);
    let text = tostring::finish(ctx, call.get(progress.count + 2))?;
    let (Value::String(so_far), Value::Integer(spec_start)) =
        (call.get(progress.count), call.get(progress.count + 1))
    else {
        return Err(Error::runtime("string.format lost its place"));
    };
    call.truncate(progress.count);
    let format = check_string(ctx, call, 1)?;
    let spec = spec::read(format.as_bytes(), spec_start as usize)?;
    let mut out = Vec::with_capacity(so_far.len() + text.len() + format.len());
    out.extend_from_slice(so_far.as_bytes());
    push_text(ctx, call, &mut out, &spec, progress.arg, text.as_bytes())?;
    format_from(ctx, call, format, progress, spec.end, out)
}

#[cfg(test)]
mod tests {
    use super::Progress;

    #[test]
    fn progress_survives_packing() {
        for (count, arg) in [(0, 1), (1, 2), (1_000_000, 1_000_001)] {
            let progress = Progress { count, arg };
            assert_eq!(Progress::unpack(progress.pack()), progress);
        }
    }
}
