//! The `os` functions that talk to the operating system: commands, the
//! environment, files, the process's CPU time, exiting and the locale.

use std::io;
use std::process::Stdio;

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::gc;
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

use crate::args::{check_option, check_string, opt_integer, opt_string};
use crate::io::file::{exec_result, file_result};
use crate::io::library::shell_command;
use crate::io::path::{c_name, create_unique, os_bytes, temp_dir, to_path};
use crate::results::return_one;

/// `os.execute([command])`: runs `command` through the shell and reports
/// how it ended; without a command, whether a shell exists.
pub fn execute<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let Some(command) = opt_string(ctx, call, 1)? else {
        let has_shell = std::path::Path::new("/bin/sh").exists();
        return return_one(call, Value::Boolean(has_shell));
    };
    crate::io::flush_all();
    let status = shell_command(command.as_bytes())
        .stdin(Stdio::inherit())
        .status();
    exec_result(ctx, call, status)
}

/// `os.exit([code [, close]])`: `true` is success, `false` failure, an
/// integer is the status. Buffered output is written first, as C's `exit`
/// flushes every stream. With `close`, the state is closed first, as
/// `lua_close` does: the main thread's pending to-be-closed variables are
/// closed (last first), then every object with `__gc` gets it called,
/// all through the executor, one after the other.
pub fn exit<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let status = match call.get(0) {
        Value::Boolean(success) => i32::from(!success),
        _ => opt_integer(ctx, call, 1, 0)? as i32,
    };
    if call.get(1).is_falsy() {
        exit_now(status);
    }
    let to_close = pending_to_close(ctx, call);
    let objects = ctx.new_table();
    for (i, object) in gc::take_all_finalizable(ctx).into_iter().enumerate() {
        objects.set_int(ctx.mc, i as i64 + 1, object);
    }
    call.clear();
    // The third slot holds the error of a failed `__close`, which the
    // next ones receive (as `luaD_closeprotected` passes it on).
    call.extend([Value::Table(to_close), Value::Table(objects), Value::Nil])?;
    run_finalizers(ctx, call, Closing { status, done: 0 })
}

/// The values of the main thread's to-be-closed variables, last declared
/// first.
fn pending_to_close<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>) -> Table<'gc> {
    let list = ctx.new_table();
    let collect = |state: &saturn_vm::thread::ThreadState<'gc>| {
        // nil and false need no closing (and would leave holes).
        let values = state
            .tbc
            .iter()
            .rev()
            .filter_map(|&slot| state.stack.get(slot).copied());
        for (i, value) in values.filter(|v| !v.is_falsy()).enumerate() {
            list.set_int(ctx.mc, i as i64 + 1, value);
        }
    };
    let main = ctx.main_thread();
    if call.thread().ptr_eq(main) {
        collect(call.thread_state());
    } else if let Ok(state) = main.0.try_borrow() {
        collect(&state);
    }
    list
}

/// Flushes every stream and ends the process.
fn exit_now(status: i32) -> ! {
    crate::io::flush_all();
    std::process::exit(status)
}

/// How far `os.exit(code, true)` got: the status to exit with and how many
/// handlers were called, counting through the values to close (window
/// slot 0) and then the objects to finalize (slot 1); slot 2 holds the
/// error passed to the next `__close`.
#[derive(Clone, Copy)]
struct Closing {
    status: i32,
    done: u32,
}

impl Closing {
    fn pack(self) -> i64 {
        (i64::from(self.status) << 32) | i64::from(self.done)
    }

    fn unpack(state: i64) -> Closing {
        Closing {
            status: (state >> 32) as i32,
            done: state as u32,
        }
    }
}

/// Calls the next `__close` or `__gc`, or exits when none is left.
fn run_finalizers<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    mut closing: Closing,
) -> Result<Action<'gc>, Error<'gc>> {
    let (Value::Table(to_close), Value::Table(objects)) = (call.get(0), call.get(1)) else {
        exit_now(closing.status);
    };
    let closes = to_close.length(ctx.mc);
    loop {
        closing.done += 1;
        let index = i64::from(closing.done);
        let (object, event, nargs) = if index <= closes {
            (to_close.get_int(ctx.mc, index), MetaEvent::Close, 2)
        } else {
            (objects.get_int(ctx.mc, index - closes), MetaEvent::Gc, 1)
        };
        if index > closes && object.is_nil() {
            exit_now(closing.status);
        }
        let handler = metamethod(ctx, object, event);
        if !handler.is_nil() {
            let error = call.get(2);
            call.truncate(3);
            call.extend([handler, object, error])?;
            call.truncate(3 + 1 + nargs);
            return Ok(Action::ProtectedCall {
                nargs,
                handler: None,
                then: Continuation::new(finalized, closing.pack()),
            });
        }
    }
}

/// A handler returned. An error of a `__gc` becomes a warning, as in
/// `lua_close`; one of a `__close` is handed to the next `__close`.
fn finalized<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let closes = match call.get(0) {
        Value::Table(to_close) => to_close.length(ctx.mc),
        _ => 0,
    };
    let finished = Closing::unpack(state);
    call.truncate(3);
    if let Outcome::Err(error) = outcome {
        if i64::from(finished.done) <= closes {
            call.set(2, error)?;
        } else {
            let message = match error {
                Value::String(text) => Some(text.as_bytes()),
                _ => None,
            };
            ctx.warn_error(b"__gc", message);
        }
    }
    run_finalizers(ctx, call, finished)
}

/// `os.getenv(name)`: the variable's value, or nil.
pub fn getenv<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    let name = c_name(name.as_bytes());
    let value = if name.is_empty() || name.contains(&b'=') {
        None
    } else {
        std::env::var_os(to_path(name).as_os_str())
    };
    let result = match value {
        Some(value) => Value::String(ctx.intern(&os_bytes(&value))),
        None => Value::Nil,
    };
    return_one(call, result)
}

/// `os.remove(filename)`: removes a file or an empty directory (C's
/// `remove`).
pub fn remove<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    let path = to_path(name.as_bytes());
    let result = match std::fs::remove_file(&path) {
        Err(err) if is_directory_error(&err) => std::fs::remove_dir(&path),
        other => other,
    };
    file_result(ctx, call, result, Some(name.as_bytes()))
}

/// Whether `unlink` refused because the path is a directory (Linux says
/// `EISDIR`, POSIX allows `EPERM`).
fn is_directory_error(err: &io::Error) -> bool {
    const EISDIR: i32 = 21;
    const EPERM: i32 = 1;
    matches!(err.raw_os_error(), Some(EISDIR) | Some(EPERM))
}

/// `os.rename(oldname, newname)`.
pub fn rename<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let from = check_string(ctx, call, 1)?;
    let to = check_string(ctx, call, 2)?;
    let result = std::fs::rename(to_path(from.as_bytes()), to_path(to.as_bytes()));
    file_result(ctx, call, result, None)
}

/// `os.tmpname()`: the name of a new empty file, created (like C's
/// `mkstemp`) so no other program can take the name.
pub fn tmpname<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let prefix = format!("{}/lua_", temp_dir().display());
    let (path, _file) = create_unique(&prefix)
        .map_err(|_| Error::runtime("unable to generate a unique filename"))?;
    return_one(call, Value::String(ctx.intern(&os_bytes(path.as_os_str()))))
}

/// `os.clock()`: CPU time used by the process, in seconds.
pub fn clock<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, Value::Number(cpu_seconds()))
}

/// Process CPU time from Linux's `/proc` (nanoseconds in `schedstat`,
/// else clock ticks in `stat`); elsewhere, time since the first call.
fn cpu_seconds() -> f64 {
    if let Ok(text) = std::fs::read_to_string("/proc/self/schedstat")
        && let Some(Ok(nanos)) = text.split_whitespace().next().map(str::parse::<u64>)
    {
        return nanos as f64 / 1e9;
    }
    if let Ok(text) = std::fs::read_to_string("/proc/self/stat")
        && let Some(after_name) = text.rfind(')').map(|i| &text[i + 1..])
    {
        // Fields 14 and 15 (user and system time) are the 12th and 13th
        // after the command name; Linux counts 100 ticks per second.
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        if let (Some(Ok(user)), Some(Ok(system))) = (
            fields.get(11).map(|f| f.parse::<u64>()),
            fields.get(12).map(|f| f.parse::<u64>()),
        ) {
            return (user + system) as f64 / 100.0;
        }
    }
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    START.with(|start| start.elapsed().as_secs_f64())
}

/// `os.setlocale([locale [, category]])`: only the C locale exists, so
/// "C", "POSIX" and "" (the environment's, here always C) succeed.
pub fn setlocale<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let locale = opt_string(ctx, call, 1)?;
    check_option(
        ctx,
        call,
        2,
        Some("all"),
        &["all", "collate", "ctype", "monetary", "numeric", "time"],
    )?;
    let known = match locale {
        None => true,
        Some(name) => matches!(c_name(name.as_bytes()), b"" | b"C" | b"POSIX"),
    };
    let result = if known { ctx.str("C") } else { Value::Nil };
    return_one(call, result)
}
