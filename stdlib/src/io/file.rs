//! Lua's file handles: userdata holding a [`Stream`] (or nothing once
//! closed), with the metatable registered as `FILE*`, and the shapes of
//! their results (`luaL_fileresult`, `luaL_execresult`).

use std::cell::RefCell;
use std::io;
use std::process::ExitStatus;
use std::rc::{Rc, Weak};

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use super::error;
use super::stream::Stream;
use crate::args::{arg_error, type_error};
use crate::results::return_values;

/// The registry key of the file handles' metatable (`LUA_FILEHANDLE`).
pub const METATABLE_KEY: &[u8] = b"FILE*";

/// A stream shared between its handle and the list [`flush_all`] walks;
/// `None` once closed.
pub type SharedStream = Rc<RefCell<Option<Stream>>>;

/// The payload of a file handle userdata.
pub struct LuaFile(SharedStream);

/// A state's `io.stdout` going away writes out the shared stdout buffer, so
/// an embedder that drops its state without flushing loses nothing.
impl Drop for LuaFile {
    fn drop(&mut self) {
        if let Ok(stream) = self.0.try_borrow()
            && matches!(*stream, Some(Stream::Stdout))
        {
            let _ = super::stdout::flush();
        }
    }
}

thread_local! {
    /// Every stream opened on this thread, so `os.exit` can flush them as
    /// C's `exit` flushes every `FILE*`.
    static OPEN_STREAMS: RefCell<Vec<Weak<RefCell<Option<Stream>>>>> = const { RefCell::new(Vec::new()) };
}

/// Writes out the buffered output of every open stream.
pub fn flush_all() {
    let streams: Vec<_> = OPEN_STREAMS.with(|list| list.borrow().clone());
    for stream in streams.iter().filter_map(Weak::upgrade) {
        if let Ok(mut stream) = stream.try_borrow_mut()
            && let Some(stream) = stream.as_mut()
        {
            let _ = stream.flush();
        }
    }
    let _ = super::stdout::flush();
}

fn remember(stream: &SharedStream) {
    OPEN_STREAMS.with(|list| {
        let mut list = list.borrow_mut();
        list.retain(|weak| weak.strong_count() > 0);
        list.push(Rc::downgrade(stream));
    });
}

/// A new file handle for `stream`.
pub fn new_file<'gc>(ctx: Context<'gc>, stream: Stream) -> Value<'gc> {
    let shared = Rc::new(RefCell::new(Some(stream)));
    remember(&shared);
    // As PUC's `newprefile`: a file has no user value.
    let handle = Value::UserData(UserData::with_user_values(
        ctx.mc,
        Box::new(LuaFile(shared)),
        0,
    ));
    if let Value::Table(metatable) = ctx.registry().get_str(ctx.mc, ctx.intern(METATABLE_KEY)) {
        ctx.set_metatable(handle, Some(metatable));
    }
    handle
}

/// The stream of `value` if it is a file handle (open or closed).
pub fn to_file(value: Value<'_>) -> Option<SharedStream> {
    match value {
        Value::UserData(ud) => ud.downcast_ref::<LuaFile>().map(|f| Rc::clone(&f.0)),
        _ => None,
    }
}

/// Argument `arg`, which must be a file handle (`luaL_checkudata`).
pub fn check_handle<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<SharedStream, Error<'gc>> {
    to_file(call.get(arg - 1)).ok_or_else(|| type_error(ctx, call, arg, "FILE*"))
}

/// Argument `arg`, which must be an open file handle (PUC's `tofile`).
pub fn check_open<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<SharedStream, Error<'gc>> {
    let file = check_handle(ctx, call, arg)?;
    if file.borrow().is_none() {
        return Err(Error::runtime("attempt to use a closed file"));
    }
    Ok(file)
}

/// Runs `op` on an open stream (the caller checked it is open).
pub fn with_stream<T>(
    file: &SharedStream,
    op: impl FnOnce(&mut Stream) -> io::Result<T>,
) -> io::Result<T> {
    match file.borrow_mut().as_mut() {
        Some(stream) => op(stream),
        None => Err(io::Error::other("attempt to use a closed file")),
    }
}

/// `nil, message, errno` (PUC's failing `luaL_fileresult`); the message is
/// prefixed with `name: ` when a file name is given.
pub fn fail_values<'gc>(
    ctx: Context<'gc>,
    err: &io::Error,
    name: Option<&[u8]>,
) -> [Value<'gc>; 3] {
    let mut message = Vec::new();
    if let Some(name) = name {
        message.extend_from_slice(super::path::c_name(name));
        message.extend_from_slice(b": ");
    }
    message.extend_from_slice(error::message(err).as_bytes());
    [
        Value::Nil,
        Value::String(ctx.intern(&message)),
        Value::Integer(error::code(err)),
    ]
}

/// `true`, or `nil, message, errno` (PUC's `luaL_fileresult`).
pub fn file_result<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    result: io::Result<()>,
    name: Option<&[u8]>,
) -> Result<Action<'gc>, Error<'gc>> {
    match result {
        Ok(()) => return_values(call, [Value::Boolean(true)]),
        Err(err) => return_values(call, fail_values(ctx, &err, name)),
    }
}

/// How a command ended, as `os.execute` and a pipe's `close` report it
/// (PUC's `luaL_execresult`): `true|nil, "exit"|"signal", code`.
pub fn exec_result<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    status: io::Result<ExitStatus>,
) -> Result<Action<'gc>, Error<'gc>> {
    let status = match status {
        Ok(status) => status,
        Err(err) => return return_values(call, fail_values(ctx, &err, None)),
    };
    let (what, code) = match status.code() {
        Some(code) => ("exit", i64::from(code)),
        None => ("signal", termination_signal(&status)),
    };
    let ok = what == "exit" && code == 0;
    let first = if ok { Value::Boolean(true) } else { Value::Nil };
    return_values(call, [first, ctx.str(what), Value::Integer(code)])
}

#[cfg(unix)]
fn termination_signal(status: &ExitStatus) -> i64 {
    use std::os::unix::process::ExitStatusExt;
    status.signal().map_or(0, i64::from)
}

#[cfg(not(unix))]
fn termination_signal(_status: &ExitStatus) -> i64 {
    0
}

/// `bad argument #arg to 'f' (invalid mode)`.
pub fn invalid_mode<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>, arg: usize) -> Error<'gc> {
    arg_error(ctx, call, arg, "invalid mode")
}
