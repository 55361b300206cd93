//! Binary serialization: `string.pack`, `string.packsize` and
//! `string.unpack` (`lstrlib.c`'s second half).
//!
//! - `options` reads the format language (sizes, byte order,
//!   alignment);
//! - `integer` encodes and decodes integers of 1 to 16 bytes.
//!
//! `pack` runs over its format twice: once to check every argument and
//! measure the result, then, with a buffer of exactly that size obtained
//! through the memory limit, to write it. So `pack("c2000000000", "")`
//! fails with "not enough memory" under a limit instead of growing a
//! buffer behind the state's back, and no error can stop the writing half
//! way.

mod integer;
mod options;

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use self::options::{FormatError, Item, Kind, Options};
use super::positions::start_position;
use crate::args::{arg_error, check_float, check_integer, check_string, opt_integer};
use crate::results::return_one;

/// The largest result `packsize` accepts (PUC's `MAXSIZE`, `INT_MAX` on
/// 64-bit machines).
const MAX_SIZE: usize = i32::MAX as usize;

/// The error a bad format gives.
fn format_error<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>, error: FormatError) -> Error<'gc> {
    match error {
        FormatError::Message(message) => Error::runtime(message),
        FormatError::BadFormat(message) => arg_error(ctx, call, 1, message),
    }
}

/// Where `pack` puts bytes: a counter on the first pass, the result on the
/// second.
trait Sink {
    /// Bytes put so far (alignment is relative to it).
    fn len(&self) -> usize;
    fn put(&mut self, bytes: &[u8]);
    fn put_zeros(&mut self, count: usize);
}

/// The first pass's sink: only counts.
struct Measure(usize);

impl Sink for Measure {
    fn len(&self) -> usize {
        self.0
    }
    fn put(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(bytes.len());
    }
    fn put_zeros(&mut self, count: usize) {
        self.0 = self.0.saturating_add(count);
    }
}

impl Sink for Vec<u8> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn put_zeros(&mut self, count: usize) {
        self.resize(Vec::len(self) + count, 0);
    }
}

/// `string.pack(fmt, v1, v2, ...)`.
pub fn pack<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let format = check_string(ctx, call, 1)?.as_bytes();
    // PUC pushes a nil after the arguments before packing, so a missing
    // value is reported as "got nil", not "got no value".
    call.push(Value::Nil)?;
    let mut measure = Measure(0);
    pack_into(ctx, call, format, &mut measure)?;
    let mut packed = ctx.string_buffer(measure.0)?;
    pack_into(ctx, call, format, &mut packed)?;
    return_one(call, Value::String(ctx.intern(&packed)))
}

/// Packs the arguments after the format into `sink`.
fn pack_into<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    format: &[u8],
    sink: &mut impl Sink,
) -> Result<(), Error<'gc>> {
    let mut options = Options::new(format);
    let mut arg = 1;
    while let Some(item) = options.next_at(sink.len()) {
        let item = item.map_err(|e| format_error(ctx, call, e))?;
        sink.put_zeros(item.padding);
        if matches!(item.kind, Kind::Padding | Kind::Align | Kind::Nop) {
            if item.kind == Kind::Padding {
                sink.put(&[0]);
            }
            continue;
        }
        arg += 1;
        pack_item(ctx, call, item, arg, sink)?;
    }
    Ok(())
}

/// Packs argument `arg` as `item` (a value-taking option).
fn pack_item<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    item: Item,
    arg: usize,
    sink: &mut impl Sink,
) -> Result<(), Error<'gc>> {
    let Item { size, little, .. } = item;
    match item.kind {
        Kind::Int => {
            let n = check_integer(ctx, call, arg)?;
            if size < 8 {
                let limit = 1i64 << (8 * size - 1);
                if !(-limit..limit).contains(&n) {
                    return Err(arg_error(ctx, call, arg, "integer overflow"));
                }
            }
            sink.put(&integer::encode(n as u64, size, little, n < 0)[..size]);
        }
        Kind::Uint => {
            let n = check_integer(ctx, call, arg)?;
            if size < 8 && (n as u64) >= 1u64 << (8 * size) {
                return Err(arg_error(ctx, call, arg, "unsigned overflow"));
            }
            sink.put(&integer::encode(n as u64, size, little, false)[..size]);
        }
        Kind::Float => {
            let f = check_float(ctx, call, arg)? as f32;
            sink.put(&if little {
                f.to_le_bytes()
            } else {
                f.to_be_bytes()
            });
        }
        Kind::Number | Kind::Double => {
            let f = check_float(ctx, call, arg)?;
            sink.put(&if little {
                f.to_le_bytes()
            } else {
                f.to_be_bytes()
            });
        }
        Kind::Char => {
            let s = check_string(ctx, call, arg)?.as_bytes();
            if s.len() > size {
                return Err(arg_error(ctx, call, arg, "string longer than given size"));
            }
            sink.put(s);
            sink.put_zeros(size - s.len());
        }
        Kind::String => {
            let s = check_string(ctx, call, arg)?.as_bytes();
            if size < 8 && s.len() as u64 >= 1u64 << (8 * size) {
                return Err(arg_error(
                    ctx,
                    call,
                    arg,
                    "string length does not fit in given size",
                ));
            }
            sink.put(&integer::encode(s.len() as u64, size, little, false)[..size]);
            sink.put(s);
        }
        Kind::ZString => {
            let s = check_string(ctx, call, arg)?.as_bytes();
            if s.contains(&0) {
                return Err(arg_error(ctx, call, arg, "string contains zeros"));
            }
            sink.put(s);
            sink.put(&[0]);
        }
        Kind::Padding | Kind::Align | Kind::Nop => {}
    }
    Ok(())
}

/// `string.packsize(fmt)`: the size of what `pack(fmt, ...)` makes, for
/// formats without variable-length options.
pub fn packsize<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let format = check_string(ctx, call, 1)?.as_bytes();
    let mut options = Options::new(format);
    let mut total = 0usize;
    while let Some(item) = options.next_at(total) {
        let item = item.map_err(|e| format_error(ctx, call, e))?;
        if matches!(item.kind, Kind::String | Kind::ZString) {
            return Err(arg_error(ctx, call, 1, "variable-length format"));
        }
        let size = item.size + item.padding;
        if size > MAX_SIZE || total > MAX_SIZE - size {
            return Err(arg_error(ctx, call, 1, "format result too large"));
        }
        total += size;
    }
    return_one(call, Value::Integer(total as i64))
}

/// `string.unpack(fmt, s [, pos])`: the values packed in `s` from `pos`
/// on, then the position after them.
pub fn unpack<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let format = check_string(ctx, call, 1)?.as_bytes();
    let data = check_string(ctx, call, 2)?.as_bytes();
    let mut pos = start_position(opt_integer(ctx, call, 3, 1)?, data.len()) - 1;
    if pos > data.len() {
        return Err(arg_error(ctx, call, 3, "initial position out of string"));
    }
    let mut options = Options::new(format);
    let mut count = 0;
    while let Some(item) = options.next_at(pos) {
        let item = item.map_err(|e| format_error(ctx, call, e))?;
        let Item { size, little, .. } = item;
        if item.padding + size > data.len() - pos {
            return Err(arg_error(ctx, call, 2, "data string too short"));
        }
        pos += item.padding;
        if !call.check_stack(2) {
            return Err(Error::runtime("stack overflow (too many results)"));
        }
        let field = &data[pos..pos + size];
        let value = match item.kind {
            Kind::Int | Kind::Uint => {
                Value::Integer(unpack_integer(field, little, item.kind == Kind::Int)?)
            }
            Kind::Float => {
                let bytes = [field[0], field[1], field[2], field[3]];
                let f = if little {
                    f32::from_le_bytes(bytes)
                } else {
                    f32::from_be_bytes(bytes)
                };
                Value::Number(f64::from(f))
            }
            Kind::Number | Kind::Double => {
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(field);
                let f = if little {
                    f64::from_le_bytes(bytes)
                } else {
                    f64::from_be_bytes(bytes)
                };
                Value::Number(f)
            }
            Kind::Char => Value::String(ctx.intern(field)),
            Kind::String => {
                let len = unpack_integer(field, little, false)? as u64;
                let available = data.len() - pos - size;
                if len > available as u64 {
                    return Err(arg_error(ctx, call, 2, "data string too short"));
                }
                let start = pos + size;
                pos += len as usize;
                Value::String(ctx.intern(&data[start..start + len as usize]))
            }
            Kind::ZString => {
                let Some(len) = data[pos..].iter().position(|&b| b == 0) else {
                    return Err(arg_error(ctx, call, 2, "unfinished string for format 'z'"));
                };
                let string = Value::String(ctx.intern(&data[pos..pos + len]));
                pos += len + 1;
                string
            }
            Kind::Padding | Kind::Align | Kind::Nop => {
                pos += size;
                continue;
            }
        };
        call.push(value)?;
        count += 1;
        pos += size;
    }
    call.push(Value::Integer(pos as i64 + 1))?;
    Ok(Action::Return(count + 1))
}

/// An integer field, or PUC's error when it does not fit in 64 bits.
fn unpack_integer<'gc>(field: &[u8], little: bool, signed: bool) -> Result<i64, Error<'gc>> {
    integer::decode(field, little, signed).ok_or_else(|| {
        Error::runtime(format!(
            "{}-byte integer does not fit into Lua Integer",
            field.len()
        ))
    })
}
