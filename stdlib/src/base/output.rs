//! `print` and `warn`.
//!
//! `print` converts each argument with `tostring`'s rules; a `__tostring`
//! written in Lua is called through the executor (it may yield), and the
//! text printed so far is already written, as in PUC Lua. Output goes to
//! stdout, or to a writer given to [`print_to`] (embedders, tests).

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use crate::args::check_string;
use crate::tostring::{self, Conversion};

/// Where a `print` made by [`print_to`] writes; kept in its upvalue.
struct PrintOutput(Rc<RefCell<dyn Write>>);

/// A `print` function writing to `output` instead of stdout.
pub fn print_to<'gc>(ctx: Context<'gc>, output: Rc<RefCell<dyn Write>>) -> Value<'gc> {
    let sink = UserData::new(ctx.mc, Box::new(PrintOutput(output)));
    ctx.native_with_upvalues(print, [Value::UserData(sink)])
}

/// Writes `bytes` where this `print` writes. Write errors are ignored, as
/// PUC's `lua_writestring` ignores them (so is a writer busy elsewhere).
fn write_out(call: &Call<'_, '_>, bytes: &[u8]) {
    if let Value::UserData(sink) = call.upvalue(0)
        && let Some(output) = sink.downcast_ref::<PrintOutput>()
    {
        if let Ok(mut writer) = output.0.try_borrow_mut() {
            let _ = writer.write_all(bytes);
        }
        return;
    }
    let _ = crate::io::stdout::write(bytes);
}

fn flush_out(call: &Call<'_, '_>) {
    if let Value::UserData(sink) = call.upvalue(0)
        && let Some(output) = sink.downcast_ref::<PrintOutput>()
    {
        if let Ok(mut writer) = output.0.try_borrow_mut() {
            let _ = writer.flush();
        }
        return;
    }
    let _ = crate::io::stdout::flush();
}

/// How far `print` got: the number of arguments and the next one to print,
/// packed into a continuation's state.
#[derive(Clone, Copy)]
struct Progress {
    count: usize,
    next: usize,
}

impl Progress {
    fn pack(self) -> i64 {
        ((self.count as i64) << 32) | self.next as i64
    }

    fn unpack(state: i64) -> Progress {
        Progress {
            count: (state >> 32) as usize,
            next: (state & 0xffff_ffff) as usize,
        }
    }
}

/// `print(...)`: every argument converted to text, tab-separated, then a
/// newline.
pub fn print<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let count = call.len();
    print_from(ctx, call, Progress { count, next: 0 })
}

/// Prints arguments from `progress.next` on, until one needs `__tostring`.
fn print_from<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    progress: Progress,
) -> Result<Action<'gc>, Error<'gc>> {
    for index in progress.next..progress.count {
        let value = call.get(index);
        match tostring::start(ctx, value) {
            Conversion::Done(text) => write_piece(call, index, text.as_bytes()),
            Conversion::CallMetamethod(handler) => {
                call.extend([handler, value])?;
                let resume_at = Progress {
                    count: progress.count,
                    next: index,
                };
                return Ok(Action::Call {
                    nargs: 1,
                    then: Continuation::new(print_converted, resume_at.pack()),
                });
            }
        }
    }
    write_out(call, b"\n");
    flush_out(call);
    call.clear();
    Ok(Action::Return(0))
}

/// Writes the text of argument `index`, after a tab unless it is the first.
fn write_piece(call: &Call<'_, '_>, index: usize, text: &[u8]) {
    if index > 0 {
        write_out(call, b"\t");
    }
    write_out(call, text);
}

/// A `__tostring` called by `print` returned; print its text and go on.
fn print_converted<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let progress = Progress::unpack(state);
    let text = tostring::finish(ctx, call.get(progress.count))?;
    call.truncate(progress.count);
    write_piece(call, progress.next, text.as_bytes());
    print_from(
        ctx,
        call,
        Progress {
            count: progress.count,
            next: progress.next + 1,
        },
    )
}

/// `warn(msg1, ...)`: emits one warning made of all the (string)
/// arguments. `@on` and `@off` alone switch warnings on and off.
pub fn warn<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    // Check every argument first, so an error cannot leave half a warning.
    let count = call.len().max(1);
    let mut pieces = Vec::with_capacity(count);
    for arg in 1..=count {
        pieces.push(check_string(ctx, call, arg)?);
    }
    for (i, piece) in pieces.iter().enumerate() {
        ctx.warn(piece.as_bytes(), i + 1 < pieces.len());
    }
    call.clear();
    Ok(Action::Return(0))
}

#[cfg(test)]
mod tests {
    use super::Progress;

    #[test]
    fn progress_survives_packing() {
        for (count, next) in [(0, 0), (1, 0), (7, 6), (1_000_000, 999_999)] {
            let p = Progress::unpack(Progress { count, next }.pack());
            assert_eq!((p.count, p.next), (count, next));
        }
    }
}
