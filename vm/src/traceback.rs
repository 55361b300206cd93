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
pub fn called_name(ts: &ThreadState<'_>, index: usize) -> Option<(&'static str, String)> {
    let (tail, ret) = match &ts.frames[index] {
        Frame::Lua(f) => (f.tail, f.ret),
        Frame::Native(f) => (f.tail, f.ret),
        Frame::Unwind { .. } => return None,
    };
    if ret == Ret::Hook {
        // PUC names a function called by a hook `hook '?'`.
        return Some(("hook", "?".into()));
    }
    if tail {
        return None;
    }
    let Some(caller) = (0..index)
        .rev()
        .find(|&i| !matches!(ts.frames[i], Frame::Unwind { .. }))
    else {
        return ts.finalizer.then(|| ("metamethod", "__gc".to_string()));
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
pub fn global_function_name<'gc>(ctx: Context<'gc>, function: Function<'gc>) -> Option<String> {
    let loaded = match ctx
        .state
        .registry
        .get(ctx.mc, Value::String(ctx.intern(b"_LOADED")))
    {
        Value::Table(t) => t,
        _ => return None,
    };
    let name = find_field(ctx, loaded, function, 2)?;
    Some(match name.strip_prefix("_G.") {
        Some(rest) => rest.to_string(),
        None => name,
    })
}

fn find_field<'gc>(
    ctx: Context<'gc>,
    table: Table<'gc>,
    function: Function<'gc>,
    level: usize,
) -> Option<String> {
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
            return Some(name.to_str_lossy().into_owned());
        }
        if let Value::Table(t) = v
            && let Some(inner) = find_field(ctx, t, function, level - 1)
        {
            return Some(format!("{}.{}", name.to_str_lossy(), inner));
        }
    }
    None
}

/// Describes the function of frame `index` (`function 'f'`, `local 'f'`,
/// `main chunk`, `function <input:12>`, `?`).
pub fn describe_function<'gc>(ctx: Context<'gc>, ts: &ThreadState<'gc>, index: usize) -> String {
    let Some(function) = frame_function(ts, index) else {
        return "?".into();
    };
    if let Some(name) = global_function_name(ctx, function) {
        return format!("function '{name}'");
    }
    if let Some((kind, name)) = called_name(ts, index) {
        return format!("{kind} '{name}'");
    }
    match function {
        Function::Lua(c) => {
            let proto = &c.proto.proto;
            if proto.line_defined == 0 {
                "main chunk".into()
            } else {
                let src = String::from_utf8_lossy(&chunk_id(&proto.source)).into_owned();
                format!("function <{}:{}>", src, proto.line_defined)
            }
        }
        Function::Native(_) => "?".into(),
    }
}

/// `short_src:line:` or `[C]:` for frame `index`.
fn frame_location(ts: &ThreadState<'_>, index: usize) -> String {
    match &ts.frames[index] {
        Frame::Lua(f) => {
            let proto = &f.closure.proto.proto;
            let src = String::from_utf8_lossy(&chunk_id(&proto.source)).into_owned();
            match proto.line_at(f.pc.saturating_sub(1)) {
                Some(line) => format!("{src}:{line}:"),
                None => format!("{src}:"),
            }
        }
        _ => "[C]:".into(),
    }
}

/// A traceback of frames `0..upto` of `ts`, skipping `level` innermost
/// frames, preceded by `message`. `c_bottom` adds the `[C]: in ?` line of the
/// host that started the main thread.
pub fn traceback_with<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    upto: usize,
    message: Option<&str>,
    level: usize,
    c_bottom: bool,
) -> String {
    let mut out = String::new();
    if let Some(m) = message {
        out.push_str(m);
        out.push('\n');
    }
    out.push_str("stack traceback:");
    let frames = call_frames(ts, upto);
    let mut lines: Vec<String> = Vec::new();
    for &index in frames.iter().skip(level) {
        let mut line = format!(
            "\n\t{} in {}",
            frame_location(ts, index),
            describe_function(ctx, ts, index)
        );
        let tail = match &ts.frames[index] {
            Frame::Lua(f) => f.tail,
            Frame::Native(f) => f.tail,
            Frame::Unwind { .. } => false,
        };
        if tail {
            line.push_str("\n\t(...tail calls...)");
        }
        lines.push(line);
    }
    // The host's frame is the level below the bottom one.
    if c_bottom && level <= frames.len() {
        lines.push("\n\t[C]: in ?".into());
    }
    // As PUC's `luaL_traceback`: past 22 levels, the first 10 and the last
    // 11 are shown, and the count it prints is one less than the levels
    // left out.
    if lines.len() > LEVELS1 + LEVELS2 + 1 {
        let skip = lines.len() - LEVELS1 - LEVELS2 - 1;
        for l in &lines[..LEVELS1] {
            out.push_str(l);
        }
        out.push_str(&format!("\n\t...\t(skipping {skip} levels)"));
        for l in &lines[lines.len() - LEVELS2..] {
            out.push_str(l);
        }
    } else {
        for l in &lines {
            out.push_str(l);
        }
    }
    out
}

/// [`traceback_with`] for the main thread (with the host's `[C]` line).
pub fn traceback<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    upto: usize,
    message: Option<&str>,
    level: usize,
) -> String {
    traceback_with(ctx, ts, upto, message, level, true)
}
