//! The utf8 library (`lutf8lib.c`): encoding code points, decoding and
//! counting characters, moving between character boundaries.
//!
//! Decoding follows PUC exactly: sequences of up to six bytes encode values
//! up to 2^31 - 1; in strict mode (the default) code points above U+10FFFF
//! and surrogates are invalid; the `lax` arguments accept them. Overlong
//! encodings are always invalid.

use saturn_vm::closure::NativeFn;
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::lex::utf8_encode;
use saturn_vm::number::{Number, float_to_int};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{arg, arg_error, check_integer, check_string, opt_integer};
use crate::register::{mark_loaded, set_functions};
use crate::results::{return_one, return_values};

/// The largest Unicode code point.
const MAX_UNICODE: u32 = 0x10FFFF;
/// The largest value the extended encoding represents.
const MAX_UTF: u32 = 0x7FFF_FFFF;
const INVALID_CODE: &str = "invalid UTF-8 code";
/// A pattern matching exactly one UTF-8 sequence (`utf8.charpattern`).
const CHAR_PATTERN: &[u8] = b"[\0-\x7F\xC2-\xFD][\x80-\xBF]*";

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("char", char),
    ("codepoint", codepoint),
    ("codes", codes),
    ("len", len),
    ("offset", offset),
];

/// Installs `utf8` and records it in `package.loaded`.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    library.set_str(
        ctx.mc,
        ctx.intern(b"charpattern"),
        Value::String(ctx.intern(CHAR_PATTERN)),
    );
    ctx.set_global("utf8", Value::Table(library));
    mark_loaded(ctx, "utf8", Value::Table(library));
}

/// Whether `byte` continues a sequence (`10xxxxxx`).
#[inline]
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// The byte at `i`, or 0 past the end (C strings end with a NUL, which
/// PUC's loops rely on to stop).
#[inline]
fn byte_at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// Decodes the sequence starting at `start`: its value and the position
/// after it, or `None` when the bytes there are not a valid sequence.
fn decode(s: &[u8], start: usize, strict: bool) -> Option<(u32, usize)> {
    /// The least value of a sequence with that many continuation bytes
    /// (smaller ones are overlong); no lone lead byte is valid.
    const LIMITS: [u32; 6] = [u32::MAX, 0x80, 0x800, 0x10000, 0x20_0000, 0x400_0000];
    let first = byte_at(s, start);
    let (value, next) = if first < 0x80 {
        (first as u32, start + 1)
    } else {
        let mut lead = first as u32;
        let mut value: u32 = 0;
        let mut count = 0;
        while lead & 0x40 != 0 {
            count += 1;
            let byte = byte_at(s, start + count);
            if !is_continuation(byte) {
                return None;
            }
            value = (value << 6) | (byte & 0x3F) as u32;
            lead <<= 1;
        }
        if count > 5 {
            return None;
        }
        value |= (lead & 0x7F) << (count * 5);
        if value > MAX_UTF || value < LIMITS[count] {
            return None;
        }
        (value, start + count + 1)
    };
    if strict && (value > MAX_UNICODE || (0xD800..=0xDFFF).contains(&value)) {
        return None;
    }
    Some((value, next))
}

/// A relative string position made absolute: negative counts back from
/// the end, and positions before the start become 0 (`u_posrelat`).
fn absolute_position(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// `utf8.char(...)`: the concatenated encodings of the code points.
fn char<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let mut buf = Vec::new();
    for i in 1..=call.len() {
        let code = check_integer(ctx, call, i)?;
        if code as u64 > MAX_UTF as u64 {
            return Err(arg_error(ctx, call, i, "value out of range"));
        }
        utf8_encode(code as u32, &mut buf);
    }
    return_one(call, Value::String(ctx.intern(&buf)))
}

/// `utf8.codepoint(s [, i [, j [, lax]]])`: the code points of the
/// characters starting between bytes `i` and `j`.
fn codepoint<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let len = s.len();
    let first = absolute_position(opt_integer(ctx, call, 2, 1)?, len);
    let last = absolute_position(opt_integer(ctx, call, 3, first)?, len);
    let strict = arg(call, 4).is_falsy();
    if first < 1 {
        return Err(arg_error(ctx, call, 2, "out of bounds"));
    }
    if last > len as i64 {
        return Err(arg_error(ctx, call, 3, "out of bounds"));
    }
    if first > last {
        return Ok(Action::Return(0));
    }
    if !call.check_stack((last - first + 1) as usize) {
        return Err(Error::runtime("stack overflow (string slice too long)"));
    }
    call.clear();
    let bytes = s.as_bytes();
    let end = last as usize;
    let mut at = first as usize - 1;
    while at < end {
        let Some((code, next)) = decode(bytes, at, strict) else {
            return Err(Error::runtime(INVALID_CODE));
        };
        call.push(Value::Integer(code as i64))?;
        at = next;
    }
    Ok(Action::Return(call.len()))
}

/// `utf8.len(s [, i [, j [, lax]]])`: how many characters start between
/// bytes `i` and `j`, or fail and the position of the first invalid byte.
fn len<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let len = s.len() as i64;
    let first = absolute_position(opt_integer(ctx, call, 2, 1)?, s.len());
    let last = absolute_position(opt_integer(ctx, call, 3, -1)?, s.len());
    let strict = arg(call, 4).is_falsy();
    if !(1 <= first && first - 1 <= len) {
        return Err(arg_error(ctx, call, 2, "initial position out of bounds"));
    }
    if last > len {
        return Err(arg_error(ctx, call, 3, "final position out of bounds"));
    }
    let bytes = s.as_bytes();
    let mut at = first - 1;
    let mut count = 0;
    while at < last {
        match decode(bytes, at as usize, strict) {
            Some((_, next)) => at = next as i64,
            None => return return_values(call, [Value::Nil, Value::Integer(at + 1)]),
        }
        count += 1;
    }
    return_one(call, Value::Integer(count))
}

/// `utf8.offset(s, n [, i])`: the byte position where the `n`-th
/// character counting from byte `i` starts (`n == 0`: the start of the
/// character containing byte `i`), or fail.
fn offset<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let bytes = s.as_bytes();
    let len = bytes.len() as i64;
    let mut n = check_integer(ctx, call, 2)?;
    let default = if n >= 0 { 1 } else { len + 1 };
    let position = absolute_position(opt_integer(ctx, call, 3, default)?, bytes.len());
    if !(1 <= position && position - 1 <= len) {
        return Err(arg_error(ctx, call, 3, "position out of bounds"));
    }
    let continues = |at: i64| is_continuation(byte_at(bytes, at as usize));
    let mut at = position - 1;
    if n == 0 {
        while at > 0 && continues(at) {
            at -= 1;
        }
    } else {
        if continues(at) {
            return Err(Error::runtime("initial position is a continuation byte"));
        }
        if n < 0 {
            while n < 0 && at > 0 {
                at -= 1;
                while at > 0 && continues(at) {
                    at -= 1;
                }
                n += 1;
            }
        } else {
            // The character at `at` is the first one.
            n -= 1;
            while n > 0 && at < len {
                at += 1;
                while continues(at) {
                    at += 1;
                }
                n -= 1;
            }
        }
    }
    let result = if n == 0 {
        Value::Integer(at + 1)
    } else {
        Value::Nil
    };
    return_one(call, result)
}

/// `utf8.codes(s [, lax])`: an iterator over `position, code point`.
fn codes<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let lax = !arg(call, 2).is_falsy();
    let s = check_string(ctx, call, 1)?;
    if is_continuation(byte_at(s.as_bytes(), 0)) {
        return Err(arg_error(ctx, call, 1, INVALID_CODE));
    }
    let step: NativeFn = if lax {
        codes_step_lax
    } else {
        codes_step_strict
    };
    return_values(
        call,
        [ctx.native(step), Value::String(s), Value::Integer(0)],
    )
}

fn codes_step_strict<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    codes_step(ctx, call, true)
}

fn codes_step_lax<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    codes_step(ctx, call, false)
}

/// One step of `codes`: skips the rest of the character at byte `i` and
/// decodes the next one. A sequence followed by a stray continuation byte
/// is invalid too (as in 5.4.8).
fn codes_step<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    strict: bool,
) -> Result<Action<'gc>, Error<'gc>> {
    let s = check_string(ctx, call, 1)?;
    let bytes = s.as_bytes();
    // A position that is not an integer counts as 0 (`lua_tointeger`).
    let mut at = match crate::args::to_number(arg(call, 2)) {
        Some(Number::Int(i)) => i as u64,
        Some(Number::Float(f)) => float_to_int(f).unwrap_or(0) as u64,
        None => 0,
    };
    let len = bytes.len() as u64;
    if at < len {
        while is_continuation(byte_at(bytes, at as usize)) {
            at += 1;
        }
    }
    if at >= len {
        return Ok(Action::Return(0));
    }
    match decode(bytes, at as usize, strict) {
        Some((code, next)) if !is_continuation(byte_at(bytes, next)) => return_values(
            call,
            [Value::Integer(at as i64 + 1), Value::Integer(code as i64)],
        ),
        _ => Err(Error::runtime(INVALID_CODE)),
    }
}
