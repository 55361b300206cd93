//! `debug.getinfo` and `debug.traceback`.

use saturn_vm::bytecode::chunk_id;
use saturn_vm::closure::Function;
use saturn_vm::debug_info::{active_lines, current_line, frame_at_level, is_tail_call};
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::traceback::{called_name, frame_function, traceback_with};
use saturn_vm::value::Value;

use super::{thread_arg, with_thread};
use crate::args::{arg_error, check_integer, opt_integer, opt_string, to_string_coerced};
use crate::results::return_one;

/// The option letters `getinfo` knows.
const OPTIONS: &[u8] = b"SlutnrLf";

/// What `getinfo` learns about a running function (absent for a function
/// given as a value).
struct Activation {
    current_line: Option<u32>,
    tail: bool,
    name: Option<(&'static str, Vec<u8>)>,
    transfer: (usize, usize),
}

/// `debug.getinfo([thread,] f | level [, what])`.
pub fn getinfo<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (thread, arg) = thread_arg(call);
    let options = match opt_string(ctx, call, arg + 2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"flnSrtu".to_vec(),
    };
    if options.first() == Some(&b'>') {
        return Err(arg_error(ctx, call, arg + 2, "invalid option '>'"));
    }
    let (function, activation) = match call.get(arg).as_function() {
        Some(f) => (f, None),
        None => {
            let level = check_integer(ctx, call, arg + 1)?;
            let found = usize::try_from(level).ok().and_then(|level| {
                with_thread(call, thread, |ts, top| {
                    let index = frame_at_level(ts, top, level)?;
                    let function = frame_function(ts, index)?;
                    Some((
                        function,
                        Activation {
                            current_line: current_line(ts, index),
                            tail: is_tail_call(ts, index),
                            name: called_name(ts, index),
                            transfer: ts.hook.transfer(index),
                        },
                    ))
                })
                .flatten()
            });
            match found {
                Some((f, a)) => (f, Some(a)),
                None => return return_one(call, Value::Nil),
            }
        }
    };
    if options.iter().any(|o| !OPTIONS.contains(o)) {
        return Err(arg_error(ctx, call, arg + 2, "invalid option"));
    }
    let table = ctx.new_table();
    let set =
        |key: &str, value: Value<'gc>| table.set_str(ctx.mc, ctx.intern(key.as_bytes()), value);
    let int = |i: i64| Value::Integer(i);
    if options.contains(&b'S') {
        source_info(ctx, table, function);
    }
    if options.contains(&b'l') {
        let line = activation.as_ref().and_then(|a| a.current_line);
        set("currentline", int(line.map_or(-1, i64::from)));
    }
    if options.contains(&b'u') {
        let (nups, nparams, vararg) = match function {
            Function::Lua(c) => (
                c.upvalue_count(),
                c.proto.proto.num_params as usize,
                c.proto.proto.is_vararg,
            ),
            Function::Native(n) => (n.upvalues.len(), 0, true),
        };
        set("nups", int(nups as i64));
        set("nparams", int(nparams as i64));
        set("isvararg", Value::Boolean(vararg));
    }
    if options.contains(&b'n') {
        match activation.as_ref().and_then(|a| a.name.clone()) {
            Some((kind, name)) => {
                set("name", Value::String(ctx.intern(&name)));
                set("namewhat", ctx.str(kind));
            }
            None => set("namewhat", ctx.str("")),
        }
    }
    if options.contains(&b'r') {
        let (first, count) = activation.as_ref().map_or((0, 0), |a| a.transfer);
        set("ftransfer", int(first as i64));
        set("ntransfer", int(count as i64));
    }
    if options.contains(&b't') {
        set(
            "istailcall",
            Value::Boolean(activation.as_ref().is_some_and(|a| a.tail)),
        );
    }
    if options.contains(&b'L')
        && let Function::Lua(c) = function
    {
        let lines = ctx.new_table();
        for line in active_lines(&c.proto.proto) {
            lines.set_int(ctx.mc, i64::from(line), Value::Boolean(true));
        }
        set("activelines", Value::Table(lines));
    }
    if options.contains(&b'f') {
        set("func", Value::from(function));
    }
    return_one(call, Value::Table(table))
}

/// getinfo `S`: where the function was defined.
fn source_info<'gc>(ctx: Context<'gc>, table: Table<'gc>, function: Function<'gc>) {
    let set =
        |key: &str, value: Value<'gc>| table.set_str(ctx.mc, ctx.intern(key.as_bytes()), value);
    match function {
        Function::Lua(c) => {
            let proto = &c.proto.proto;
            let source: &[u8] = &proto.source;
            set("source", Value::String(ctx.intern(source)));
            set("short_src", Value::String(ctx.intern(&chunk_id(source))));
            set("linedefined", Value::Integer(i64::from(proto.line_defined)));
            set(
                "lastlinedefined",
                Value::Integer(i64::from(proto.last_line_defined)),
            );
            let what = if proto.line_defined == 0 {
                "main"
            } else {
                "Lua"
            };
            set("what", ctx.str(what));
        }
        Function::Native(_) => {
            set("source", ctx.str("=[C]"));
            set("short_src", ctx.str("[C]"));
            set("linedefined", Value::Integer(-1));
            set("lastlinedefined", Value::Integer(-1));
            set("what", ctx.str("C"));
        }
    }
}

/// `debug.traceback([thread,] [message [, level]])`: a message that is not
/// a string (nor a number) is returned untouched.
pub fn traceback<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let (thread, arg) = thread_arg(call);
    let message = call.get(arg);
    let text = to_string_coerced(ctx, message);
    if text.is_none() && !message.is_nil() {
        return return_one(call, message);
    }
    let current = thread.ptr_eq(call.thread());
    let level = opt_integer(ctx, call, arg + 2, if current { 1 } else { 0 })?;
    let level = usize::try_from(level).unwrap_or(usize::MAX);
    let on_main = thread.ptr_eq(ctx.main_thread());
    let trace = with_thread(call, thread, |ts, top| {
        traceback_with(ctx, ts, top, None, level, on_main)
    })
    .unwrap_or_else(|| b"stack traceback:".to_vec());
    let mut out = Vec::new();
    if let Some(text) = text {
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(&trace);
    return_one(call, Value::String(ctx.intern(&out)))
}
