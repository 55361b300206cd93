//! What `io.*` functions and file methods share: reading a list of
//! formats, writing a list of values, and closing a handle.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::number::{FormatFlags, Number, push_formatted_float, push_int};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::value::Value;

use super::file::{SharedStream, exec_result, fail_values, with_stream};
use super::read::{Format, Item, read_item, read_line_with};
use super::stream::Closed;
use crate::args::{arg_error, check_integer, check_string};
use crate::results::return_values;

/// The format given by argument `arg` of a `read`.
fn format_of<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Format, Error<'gc>> {
    match call.get(arg - 1) {
        Value::Integer(_) | Value::Number(_) => {
            // A negative count is a huge `size_t` in C, which no buffer holds.
            Ok(Format::Bytes(check_integer(ctx, call, arg)? as u64))
        }
        _ => {
            let name = check_string(ctx, call, arg)?;
            Format::from_name(name.as_bytes())
                .ok_or_else(|| arg_error(ctx, call, arg, "invalid format"))
        }
    }
}

/// A buffer reused by reads, so reading lines allocates nothing but the
/// strings; one grown past this size (by `"a"`) is let go.
const SCRATCH_KEPT: usize = 1 << 16;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the formats given by arguments `first..` (a line when there are
/// none), as PUC's `g_read`: reading stops at the first format that fails,
/// whose result is `nil`; an I/O error gives `nil, message, errno` instead.
/// The results are pushed on the window; returns how many.
pub fn read_values<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    file: &SharedStream,
    first: usize,
) -> Result<usize, Error<'gc>> {
    let count = (call.len() + 1).saturating_sub(first);
    let mut scratch = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let result = read_into_window(ctx, call, file, first, count, &mut scratch);
    if scratch.capacity() <= SCRATCH_KEPT {
        scratch.clear();
        SCRATCH.with(|s| *s.borrow_mut() = scratch);
    }
    result
}

/// What a read produced: a line already made a Lua string, or an item.
enum Got<'gc> {
    Line(LuaString<'gc>),
    Item(Item),
}

fn read_into_window<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    file: &SharedStream,
    first: usize,
    count: usize,
    scratch: &mut Vec<u8>,
) -> Result<usize, Error<'gc>> {
    for index in 0..count.max(1) {
        let format = if count == 0 {
            Format::Line
        } else {
            format_of(ctx, call, first + index)?
        };
        // A count's room is reserved first; other formats share a buffer.
        let mut reserved;
        let text = match format {
            Format::Bytes(count) if count > 0 => {
                reserved = ctx.string_buffer(usize::try_from(count).unwrap_or(usize::MAX))?;
                &mut reserved
            }
            _ => {
                scratch.clear();
                &mut *scratch
            }
        };
        let item = with_stream(file, |stream| {
            stream.read_with(|input| match format {
                // Lines become strings straight from the input's buffer.
                Format::Line | Format::LineWithEnd => {
                    let keep_end = format == Format::LineWithEnd;
                    let line = read_line_with(input, keep_end, text, |bytes| ctx.intern(bytes))?;
                    Ok(line.map_or(Got::Item(Item::Fail), Got::Line))
                }
                _ => read_item(input, format, text).map(Got::Item),
            })
        });
        let value = match item {
            Err(err) => {
                call.extend(fail_values(ctx, &err, None))?;
                return Ok(3);
            }
            Ok(Got::Line(line)) => Value::String(line),
            Ok(Got::Item(Item::Text)) => Value::String(ctx.intern(text)),
            Ok(Got::Item(Item::Number(Number::Int(i)))) => Value::Integer(i),
            Ok(Got::Item(Item::Number(Number::Float(f)))) => Value::Number(f),
            Ok(Got::Item(Item::Fail)) => {
                call.push(Value::Nil)?;
                return Ok(index + 1);
            }
        };
        call.push(value)?;
    }
    Ok(count.max(1))
}

/// Writes arguments `first..` (strings, or numbers as `%d`/`%.14g`), as
/// PUC's `g_write`; returns `result` (the file) or `nil, message, errno`.
pub fn write_values<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    file: &SharedStream,
    first: usize,
    result: Value<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let mut failure = None;
    // Numbers are written through one buffer, allocated when first needed.
    let mut number_text = Vec::new();
    for arg in first..=call.len() {
        let string;
        let bytes: &[u8] = match call.get(arg - 1) {
            Value::Integer(i) => {
                number_text.clear();
                push_int(&mut number_text, i);
                &number_text
            }
            Value::Number(f) => {
                number_text.clear();
                push_formatted_float(&mut number_text, f, b'g', Some(14), FormatFlags::default());
                &number_text
            }
            _ => {
                string = check_string(ctx, call, arg)?;
                string.as_bytes()
            }
        };
        if failure.is_none()
            && let Err(err) = with_stream(file, |stream| stream.write(bytes))
        {
            failure = Some(err);
        }
    }
    match failure {
        None => return_values(call, [result]),
        Some(err) => return_values(call, fail_values(ctx, &err, None)),
    }
}

/// Closes `file` (PUC's `aux_close`); a standard stream stays open and
/// answers `nil, "cannot close standard file"`.
pub fn close_file<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    file: &SharedStream,
) -> Result<Action<'gc>, Error<'gc>> {
    let Some(stream) = file.borrow_mut().take() else {
        return return_values(call, []);
    };
    match stream.close() {
        Closed::Refused(stream) => {
            *file.borrow_mut() = Some(stream);
            return_values(call, [Value::Nil, ctx.str("cannot close standard file")])
        }
        Closed::File(Ok(())) => return_values(call, [Value::Boolean(true)]),
        Closed::File(Err(err)) => return_values(call, fail_values(ctx, &err, None)),
        Closed::Command(status) => exec_result(ctx, call, status),
    }
}
