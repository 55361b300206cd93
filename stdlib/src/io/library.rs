//! The functions of the `io` table, and the default input and output
//! files they use, kept in the registry as `_IO_input` and `_IO_output`
//! as PUC keeps them.

use std::fs::OpenOptions;
use std::process::{Command, Stdio};

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::file::{
    SharedStream, check_open, fail_values, flush_all, invalid_mode, new_file, to_file, with_stream,
};
use super::handle_ops::{close_file, read_values, write_values};
use super::path::{c_name, create_unique, temp_dir, to_path};
use super::stream::{DiskFile, Pipe, PipeHandle, Stream};
use super::{error, lines};
use crate::args::{
    check_any, check_string, is_none, is_none_or_nil, opt_string, to_string_coerced,
};
use crate::results::{return_one, return_values};

/// Registry key of the default input file.
pub const INPUT_KEY: &[u8] = b"_IO_input";
/// Registry key of the default output file.
pub const OUTPUT_KEY: &[u8] = b"_IO_output";

/// The default file under `key` (a handle, open or closed).
fn default_file<'gc>(ctx: Context<'gc>, key: &[u8]) -> Value<'gc> {
    ctx.registry().get_str(ctx.mc, ctx.intern(key))
}

/// The default file under `key` (its handle and its stream), which must
/// be open (PUC's `getiofile`).
fn open_default<'gc>(
    ctx: Context<'gc>,
    key: &[u8],
) -> Result<(Value<'gc>, SharedStream), Error<'gc>> {
    let name = if key == INPUT_KEY { "input" } else { "output" };
    let handle = default_file(ctx, key);
    match to_file(handle) {
        Some(file) if file.borrow().is_some() => Ok((handle, file)),
        _ => Err(Error::runtime(format!("default {name} file is closed"))),
    }
}

/// How `fopen` reads a mode string.
struct OpenMode {
    read: bool,
    write: bool,
    append: bool,
    truncate: bool,
}

/// Mode "r", for `io.lines` and `io.input` given a name.
const READ: OpenMode = OpenMode {
    read: true,
    write: false,
    append: false,
    truncate: false,
};

/// Mode "w", for `io.output` given a name.
const WRITE: OpenMode = OpenMode {
    read: false,
    write: true,
    append: false,
    truncate: true,
};

/// Parses an `io.open` mode: `r`, `w` or `a`, an optional `+`, then only
/// `b`s (PUC's `l_checkmode`).
fn parse_mode(mode: &[u8]) -> Option<OpenMode> {
    let mode = c_name(mode);
    let (&kind, rest) = mode.split_first()?;
    let (update, rest) = match rest.strip_prefix(b"+") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    if !rest.iter().all(|&b| b == b'b') {
        return None;
    }
    let mode = match kind {
        b'r' => OpenMode {
            read: true,
            write: update,
            append: false,
            truncate: false,
        },
        b'w' => OpenMode {
            read: update,
            write: true,
            append: false,
            truncate: true,
        },
        b'a' => OpenMode {
            read: update,
            write: true,
            append: true,
            truncate: false,
        },
        _ => return None,
    };
    Some(mode)
}

/// Opens `name` as C's `fopen(name, mode)` would.
fn open_stream(name: &[u8], mode: &OpenMode) -> std::io::Result<Stream> {
    let mut file = OpenOptions::new()
        .read(mode.read)
        .write(mode.write && !mode.append)
        .append(mode.append)
        .truncate(mode.truncate)
        .create(mode.write && (mode.truncate || mode.append))
        .open(to_path(name))?;
    if mode.append && !mode.read {
        // glibc starts a write-only appending stream at the end (so
        // `seek` reports the size); "a+" starts reading at the beginning.
        std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0))?;
    }
    Ok(Stream::Disk(DiskFile::new(file, mode.read, mode.write)))
}

/// Opens `name` or raises "cannot open file 'name' (reason)" (PUC's
/// `opencheck`).
fn open_or_raise<'gc>(
    ctx: Context<'gc>,
    name: &[u8],
    mode: &OpenMode,
) -> Result<Value<'gc>, Error<'gc>> {
    match open_stream(name, mode) {
        Ok(stream) => Ok(new_file(ctx, stream)),
        Err(err) => {
            let mut message = b"cannot open file '".to_vec();
            message.extend_from_slice(c_name(name));
            message.extend_from_slice(format!("' ({})", error::message(&err)).as_bytes());
            Err(Error::Runtime(message))
        }
    }
}

/// `io.open(filename [, mode])`.
pub fn open<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    let mode = opt_string(ctx, call, 2)?.map_or(&b"r"[..], |m| m.as_bytes());
    let Some(parsed) = parse_mode(mode) else {
        return Err(invalid_mode(ctx, call, 2));
    };
    match open_stream(name.as_bytes(), &parsed) {
        Ok(stream) => return_one(call, new_file(ctx, stream)),
        Err(err) => return_values(call, fail_values(ctx, &err, Some(name.as_bytes()))),
    }
}

/// `io.close([file])`: closes `file` or the default output.
pub fn close<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if is_none(call, 1) {
        call.push(default_file(ctx, OUTPUT_KEY))?;
    }
    let file = check_open(ctx, call, 1)?;
    close_file(ctx, call, &file)
}

/// `io.flush()`: flushes the default output.
pub fn flush<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let (_, file) = open_default(ctx, OUTPUT_KEY)?;
    let result = with_stream(&file, |stream| stream.flush());
    super::file::file_result(ctx, call, result, None)
}

/// `io.input([file])` and `io.output([file])`: set the default file to a
/// handle or to a file opened by name (in `mode`), then return it.
fn default_file_function<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    key: &[u8],
    mode: &OpenMode,
) -> Result<Action<'gc>, Error<'gc>> {
    if !is_none_or_nil(call, 1) {
        let file = match to_string_coerced(ctx, call.get(0)) {
            Some(name) => open_or_raise(ctx, name.as_bytes(), mode)?,
            None => {
                check_open(ctx, call, 1)?;
                call.get(0)
            }
        };
        ctx.registry().set_str(ctx.mc, ctx.intern(key), file);
    }
    return_one(call, default_file(ctx, key))
}

/// `io.input([file])`.
pub fn input<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    default_file_function(ctx, call, INPUT_KEY, &READ)
}

/// `io.output([file])`.
pub fn output<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    default_file_function(ctx, call, OUTPUT_KEY, &WRITE)
}

/// `io.lines([filename, ...])`: lines of a named file (closed at the end
/// and returned as the loop's closing value) or of the default input.
pub fn lines<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if is_none(call, 1) {
        call.push(Value::Nil)?;
    }
    if call.get(0).is_nil() {
        call.set(0, default_file(ctx, INPUT_KEY))?;
        check_open(ctx, call, 1)?;
        let iterator = lines::iterator(ctx, call, false)?;
        return return_one(call, iterator);
    }
    let name = check_string(ctx, call, 1)?;
    let file = open_or_raise(ctx, name.as_bytes(), &READ)?;
    call.set(0, file)?;
    let iterator = lines::iterator(ctx, call, true)?;
    return_values(call, [iterator, Value::Nil, Value::Nil, file])
}

/// `io.read(...)`: reads from the default input.
pub fn read<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let (_, file) = open_default(ctx, INPUT_KEY)?;
    let results = read_values(ctx, call, &file, 1)?;
    Ok(Action::Return(results))
}

/// `io.write(...)`: writes to the default output, returns it.
pub fn write<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let (handle, file) = open_default(ctx, OUTPUT_KEY)?;
    write_values(ctx, call, &file, 1, handle)
}

/// `io.type(obj)`: "file", "closed file" or nil.
pub fn type_<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    let answer = match to_file(value) {
        None => Value::Nil,
        Some(file) if file.borrow().is_none() => ctx.str("closed file"),
        Some(_) => ctx.str("file"),
    };
    return_one(call, answer)
}

/// `io.tmpfile()`: a new file open for update, removed from the file
/// system at once (it lives until closed).
pub fn tmpfile<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let prefix = format!("{}/tmpf", temp_dir().display());
    match create_unique(&prefix) {
        Ok((path, file)) => {
            let _ = std::fs::remove_file(path);
            let stream = Stream::Disk(DiskFile::new(file, true, true));
            return_one(call, new_file(ctx, stream))
        }
        Err(err) => return_values(call, fail_values(ctx, &err, None)),
    }
}

/// The `Command` running `command` through `/bin/sh -c`, as `system` and
/// `popen` run it (the shell is named `sh`, so its messages read as C's).
pub fn shell_command(command: &[u8]) -> Command {
    let mut shell = Command::new("/bin/sh");
    shell.arg("-c");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::process::CommandExt;
        shell.arg0("sh");
        shell.arg(std::ffi::OsStr::from_bytes(c_name(command)));
    }
    #[cfg(not(unix))]
    shell.arg(String::from_utf8_lossy(c_name(command)).into_owned());
    shell
}

/// `io.popen(prog [, mode])`: runs `prog` with a pipe to read its output
/// (mode "r") or to write its input ("w").
pub fn popen<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let command = check_string(ctx, call, 1)?;
    let mode = opt_string(ctx, call, 2)?.map_or(&b"r"[..], |m| m.as_bytes());
    let reading = match c_name(mode) {
        b"r" => true,
        b"w" => false,
        _ => return Err(invalid_mode(ctx, call, 2)),
    };
    flush_all();
    let mut shell = shell_command(command.as_bytes());
    if reading {
        shell.stdout(Stdio::piped());
    } else {
        shell.stdin(Stdio::piped());
    }
    let pipe = shell.spawn().and_then(|mut child| {
        let pipe = if reading {
            child.stdout.take().map(|out| Pipe::reading(child, out))
        } else {
            child.stdin.take().map(|input| Pipe::writing(child, input))
        };
        pipe.ok_or_else(|| std::io::Error::other("no pipe"))
    });
    match pipe {
        Ok(pipe) => return_one(call, new_file(ctx, Stream::Pipe(PipeHandle(Some(pipe))))),
        Err(err) => return_values(call, fail_values(ctx, &err, Some(command.as_bytes()))),
    }
}
