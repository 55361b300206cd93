//! The rest of the debug library: the registry, metatables of any value,
//! user values, `setcstacklimit` and the `debug.debug` prompt.

use std::io::{BufRead, Write};

use saturn_vm::executor::Continuation;
use saturn_vm::executor::{Action, Call, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::thread::MAX_C_LEVELS;
use saturn_vm::value::Value;

use crate::args::{check_any, check_integer, opt_integer, type_error};
use crate::results::{return_one, return_values};
use crate::tostring::plain_text;

/// `debug.getregistry()`.
pub fn getregistry<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, Value::Table(ctx.registry()))
}

/// `debug.getmetatable(value)`: the metatable of any value, ignoring
/// `__metatable`.
pub fn getmetatable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    let mt = ctx.metatable(value).map_or(Value::Nil, Value::Table);
    return_one(call, mt)
}

/// `debug.setmetatable(value, table)`: sets the metatable of any value
/// (for types other than tables and userdata, the one of the whole type)
/// and returns the value.
pub fn setmetatable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let mt = match call.get(1) {
        Value::Nil if call.len() >= 2 => None,
        Value::Table(t) => Some(t),
        _ => return Err(type_error(ctx, call, 2, "nil or table")),
    };
    let value = call.get(0);
    ctx.set_metatable(value, mt);
    return_one(call, value)
}

/// `debug.getuservalue(u [, n])`: the `n`-th user value of a full userdata
/// and `true`, or fail. A Saturn userdata has at most one user value.
pub fn getuservalue<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let n = opt_integer(ctx, call, 2, 1)?;
    match call.get(0) {
        Value::UserData(ud) if n == 1 && ud.user_value_count() == 1 => {
            return_values(call, [ud.user_value(), Value::Boolean(true)])
        }
        _ => return_one(call, Value::Nil),
    }
}

/// `debug.setuservalue(u, value [, n])`: sets the `n`-th user value and
/// returns `u`, or fail when there is no such user value.
pub fn setuservalue<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let n = opt_integer(ctx, call, 3, 1)?;
    let Value::UserData(ud) = call.get(0) else {
        return Err(type_error(ctx, call, 1, "userdata"));
    };
    let value = check_any(ctx, call, 2)?;
    if n != 1 || ud.user_value_count() == 0 {
        return return_one(call, Value::Nil);
    }
    ud.set_user_value(ctx.mc, value);
    return_one(call, Value::UserData(ud))
}

/// `debug.setcstacklimit(limit)`: deprecated in Lua 5.4; it changes
/// nothing and returns the fixed limit, as PUC 5.4.8 does.
pub fn setcstacklimit<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    check_integer(ctx, call, 1)?;
    return_one(call, Value::Integer(i64::from(MAX_C_LEVELS)))
}

/// `debug.debug()`: reads lines from standard input and runs each as a
/// chunk, until end of input or a line `cont`. Errors are printed on
/// standard error; each command runs as a protected call of the VM.
pub fn debug<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    call.clear();
    next_command(ctx, call)
}

fn next_command<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    loop {
        let mut stderr = std::io::stderr();
        let _ = stderr.write_all(b"lua_debug> ");
        let _ = stderr.flush();
        let mut line = Vec::new();
        match std::io::stdin().lock().read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Ok(Action::Return(0)),
            Ok(_) => {}
        }
        if line == b"cont\n" {
            return Ok(Action::Return(0));
        }
        match ctx.load(&line, b"=(debug command)", None) {
            Ok(function) => {
                call.push(Value::from(function))?;
                return Ok(Action::ProtectedCall {
                    nargs: 0,
                    handler: None,
                    then: Continuation::new(command_done, 0),
                });
            }
            Err(e) => report(&e.message),
        }
    }
}

/// A command finished: report its error, drop its results, read the next.
fn command_done<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    if let Outcome::Err(error) = outcome {
        report(plain_text(ctx, error).as_bytes());
    }
    call.clear();
    next_command(ctx, call)
}

fn report(message: &[u8]) {
    let mut stderr = std::io::stderr();
    let _ = stderr.write_all(message);
    let _ = stderr.write_all(b"\n");
    let _ = stderr.flush();
}
