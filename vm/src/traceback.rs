//! Stack tracebacks in `debug.traceback`'s format, and the names functions
//! get in them (PUC's `luaL_traceback`, `pushfuncname`, `getfuncname`).

use crate::bytecode::chunk_id;
use crate::closure::Function;
use crate::error::function_name;
use crate::state::Context;
use crate::table::Table;
use crate::thread::{Frame, Ret, ThreadState};
use crate::value::Value;

const LEVELS1: usize = 10;
const LEVELS2: usize = 11;

/// The frames a traceback shows (every call frame, innermost first).
fn call_frames<'a, 'gc>(ts: &'a ThreadState<'gc>, upto: usize) -> Vec<usize> {
    (0..upto.min(ts.frames.len()))
        .rev()
        .filter(|&i| !matches!(ts.frames[i], Frame::Unwind { .. }))
        .collect()
}

/// The function running in frame `index`.
pub fn frame_function<'gc>(ts: &ThreadState<'gc>, index: usize) -> Option<Function<'gc>> {
    match &ts.frames[index] {
        Frame::Lua(f) => Some(Function::Lua(f.closure)),
        Frame::Native(f) => Some(Function::Native(f.native)),
        Frame::Unwind { .. } => None,
    }
}

/// How the code that called frame `index` names the function (PUC's
/// `getfuncname`): `("local", "f")`, `("method", "m")`, ...
pub fn called_name(ts: &ThreadState<'_>, index: usize) -> Option<(&'static str, Vec<u8>)> {
    let (tail, ret) = match &ts.frames[index] {
        Frame::Lua(f) => (f.tail, f.ret),
        Frame::Native(f) => (f.tail, f.ret),
        Frame::Unwind { .. } => return None,
    };
    if ret == Ret::Hook {
        // PUC names a function called by a hook `hook '?'`.
        return Some(("hook", b"?".to_vec()));
    }
    if tail {
        return None;
    }
    let Some(caller) = (0..index)
        .rev()
        .find(|&i| !matches!(ts.frames[i], Frame::Unwind { .. }))
    else {
        return ts.finalizer.then(|| ("metamethod", b"__gc".to_vec()));
    };
    match &ts.frames[caller] {
        Frame::Lua(f) => {
            let proto = &f.closure.proto.proto;
            function_name(proto, f.pc.saturating_sub(1))
        }
        _ => None,
    }
}

/// The name of `function` in `package.loaded` (`print`, `string.format`),
/// as PUC's `pushglobalfuncname`.
pub fn global_function_name<'gc>(ctx: Context<'gc>, function: Function<'gc>) -> Option<Vec<u8>> {
    let loaded = match ctx
        .state
        .registry
        .get(ctx.mc, Value::String(ctx.intern(b"_LOADED")))
    {
        Value::Table(t) => t,
        _ => return None,
    };
    let name = find_field(ctx, loaded, function, 2)?;
    Some(match name.strip_prefix(b"_G.") {
        Some(rest) => rest.to_vec(),
        None => name,
    })
}

fn find_field<'gc>(
    ctx: Context<'gc>,
    table: Table<'gc>,
    function: Function<'gc>,
    level: usize,
) -> Option<Vec<u8>> {
    if level == 0 {
        return None;
    }
    let mut key = Value::Nil;
    while let Ok(Some((k, v))) = table.next(ctx.mc, key) {
        key = k;
        let Value::String(name) = k else { continue };
        if let Some(f) = v.as_function()
            && f.ptr_eq(function)
        {
            return Some(name.as_bytes().to_vec());
        }
        if let Value::Table(t) = v
            && let Some(inner) = find_field(ctx, t, function, level - 1)
        {
            let mut path = name.as_bytes().to_vec();
            path.push(b'.');
            path.extend_from_slice(&inner);
            return Some(path);
        }
    }
    None
}

/// Describes the function of frame `index` (`function 'f'`, `local 'f'`,
/// `main chunk`, `function <input:12>`, `?`).
/// Names and chunk names keep their bytes, UTF-8 or not.
pub fn describe_function<'gc>(ctx: Context<'gc>, ts: &ThreadState<'gc>, index: usize) -> Vec<u8> {
    let Some(function) = frame_function(ts, index) else {
        return b"?".to_vec();
    };
    let quoted = |kind: &str, name: &[u8]| {
        let mut text = format!("{kind} '").into_bytes();
        text.extend_from_slice(name);
        text.push(b'\'');
        text
    };
    if let Some(name) = global_function_name(ctx, function) {
        return quoted("function", &name);
    }
    if let Some((kind, name)) = called_name(ts, index) {
        return quoted(kind, &name);
    }
    match function {
        Function::Lua(c) => {
            let proto = &c.proto.proto;
            if proto.line_defined == 0 {
                b"main chunk".to_vec()
            } else {
                let mut text = b"function <".to_vec();
                text.extend_from_slice(&chunk_id(&proto.source));
                text.extend_from_slice(format!(":{}>", proto.line_defined).as_bytes());
                text
            }
        }
        Function::Native(_) => b"?".to_vec(),
    }
}

/// `short_src:line:` or `[C]:` for frame `index`.
fn frame_location(ts: &ThreadState<'_>, index: usize) -> Vec<u8> {
    match &ts.frames[index] {
        Frame::Lua(f) => {
            let proto = &f.closure.proto.proto;
            let mut text = chunk_id(&proto.source);
            if let Some(line) = proto.line_at(f.pc.saturating_sub(1)) {
                text.extend_from_slice(format!(":{line}").as_bytes());
            }
            text.push(b':');
            text
        }
        _ => b"[C]:".to_vec(),
    }
}

/// A traceback of frames `0..upto` of `ts`, skipping `level` innermost
/// frames, preceded by `message`. `c_bottom` adds the `[C]: in ?` line of the
/// host that started the main thread (when no native frame stands for it).
pub fn traceback_with<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    upto: usize,
    message: Option<&[u8]>,
    level: usize,
    c_bottom: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(m) = message {
        out.extend_from_slice(m);
        out.push(b'\n');
    }
    out.extend_from_slice(b"stack traceback:");
    let frames = call_frames(ts, upto);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for &index in frames.iter().skip(level) {
        let mut line = b"\n\t".to_vec();
        line.extend_from_slice(&frame_location(ts, index));
        line.extend_from_slice(b" in ");
        line.extend_from_slice(&describe_function(ctx, ts, index));
        let tail = match &ts.frames[index] {
            Frame::Lua(f) => f.tail,
            Frame::Native(f) => f.tail,
            Frame::Unwind { .. } => false,
        };
        if tail {
            line.extend_from_slice(b"\n\t(...tail calls...)");
        }
        lines.push(line);
    }
    // The host's frame is the level below the bottom one, unless the
    // bottom frame is itself a native the host called (the command line's
    // `docall`, in the place of `lua.c`'s `pmain`), which prints as that line.
    let host_is_a_frame = matches!(ts.frames.first(), Some(Frame::Native(_)));
    if c_bottom && !host_is_a_frame && level <= frames.len() {
        lines.push(b"\n\t[C]: in ?".to_vec());
    }
    // As PUC's `luaL_traceback`: past 22 levels, the first 10 and the last
    // 11 are shown, and the count it prints is one less than the levels
    // left out.
    if lines.len() > LEVELS1 + LEVELS2 + 1 {
        let skip = lines.len() - LEVELS1 - LEVELS2 - 1;
        for l in &lines[..LEVELS1] {
            out.extend_from_slice(l);
        }
        out.extend_from_slice(format!("\n\t...\t(skipping {skip} levels)").as_bytes());
        for l in &lines[lines.len() - LEVELS2..] {
            out.extend_from_slice(l);
        }
    } else {
        for l in &lines {
            out.extend_from_slice(l);
        }
    }
    out
}

/// [`traceback_with`] for the main thread (with the host's `[C]` line).
pub fn traceback<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    upto: usize,
    message: Option<&[u8]>,
    level: usize,
) -> Vec<u8> {
    traceback_with(ctx, ts, upto, message, level, true)
}
