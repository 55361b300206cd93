//! Argument checking shared by every library, with PUC Lua's messages
//! (`lauxlib.c`: `luaL_argerror`, `luaL_typeerror`, `luaL_check*`).
//!
//! Argument numbers are 1-based, as in the messages they produce. The
//! function named in a message is found the way PUC finds it: from the
//! instruction that called the native (`global 'print'`, `method 'rep'`),
//! else from the name it has in `package.loaded`, else `?`.

use saturn_vm::closure::Function;
use saturn_vm::executor::{Call, Error};
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::number::{Number, float_to_int};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::table::Table;
use saturn_vm::thread::Thread;
use saturn_vm::traceback::{called_name, global_function_name};
use saturn_vm::value::Value;

/// The name of the running native, as the caller sees it, and whether it
/// was called as a method (`obj:name(...)`).
fn running_function_name<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>) -> (Vec<u8>, bool) {
    let ts = call.thread_state();
    if let Some(top) = ts.frames.len().checked_sub(1)
        && let Some((kind, name)) = called_name(ts, top)
    {
        return (name, kind == "method");
    }
    let name =
        global_function_name(ctx, Function::Native(call.native())).unwrap_or_else(|| b"?".to_vec());
    (name, false)
}

/// `bad argument #arg to 'name' (extra)` (PUC's `luaL_argerror`).
pub fn arg_error<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
    extra: &str,
) -> Error<'gc> {
    let (name, is_method) = running_function_name(ctx, call);
    let mut arg = arg;
    if is_method {
        arg -= 1;
        if arg == 0 {
            return Error::Runtime(quote_name(
                "calling '",
                &name,
                &format!("' on bad self ({extra})"),
            ));
        }
    }
    Error::Runtime(quote_name(
        &format!("bad argument #{arg} to '"),
        &name,
        &format!("' ({extra})"),
    ))
}

/// `before` + the function's name (its bytes as they are) + `after`.
fn quote_name(before: &str, name: &[u8], after: &str) -> Vec<u8> {
    let mut text = Vec::with_capacity(before.len() + name.len() + after.len());
    text.extend_from_slice(before.as_bytes());
    text.extend_from_slice(name);
    text.extend_from_slice(after.as_bytes());
    text
}

/// The type name of argument `arg` for messages: `__name` when the
/// metatable has a string there, `light userdata`, `no value` past the
/// last argument, else the basic type name.
pub fn arg_type_name<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>, arg: usize) -> String {
    if arg > call.len() {
        return "no value".to_string();
    }
    let value = call.get(arg - 1);
    if let Value::String(name) = metamethod(ctx, value, MetaEvent::Name) {
        return name.to_str_lossy().into_owned();
    }
    match value {
        Value::LightUserData(_) => "light userdata".to_string(),
        _ => value.type_name().to_string(),
    }
}

/// `bad argument #arg to 'f' (expected expected, got T)` (`luaL_typeerror`).
pub fn type_error<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
    expected: &str,
) -> Error<'gc> {
    let got = arg_type_name(ctx, call, arg);
    arg_error(ctx, call, arg, &format!("{expected} expected, got {got}"))
}

/// Argument `arg` (nil when absent).
#[inline]
pub fn arg<'gc>(call: &Call<'gc, '_>, arg: usize) -> Value<'gc> {
    call.get(arg - 1)
}

/// Whether argument `arg` is absent or nil (`lua_isnoneornil`).
#[inline]
pub fn is_none_or_nil(call: &Call<'_, '_>, arg: usize) -> bool {
    call.get(arg - 1).is_nil()
}

/// Whether argument `arg` is absent (`lua_isnone`).
#[inline]
pub fn is_none(call: &Call<'_, '_>, arg: usize) -> bool {
    arg > call.len()
}

/// Any value, even nil, but present (`luaL_checkany`).
pub fn check_any<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Value<'gc>, Error<'gc>> {
    if is_none(call, arg) {
        return Err(arg_error(ctx, call, arg, "value expected"));
    }
    Ok(call.get(arg - 1))
}

/// A table (`luaL_checktype(L, arg, LUA_TTABLE)`).
pub fn check_table<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Table<'gc>, Error<'gc>> {
    match call.get(arg - 1) {
        Value::Table(t) => Ok(t),
        _ => Err(type_error(ctx, call, arg, "table")),
    }
}

/// A function.
pub fn check_function<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Value<'gc>, Error<'gc>> {
    match call.get(arg - 1) {
        v @ (Value::LuaFunction(_) | Value::NativeFunction(_)) => Ok(v),
        _ => Err(type_error(ctx, call, arg, "function")),
    }
}

/// A coroutine (`thread`).
pub fn check_thread<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Thread<'gc>, Error<'gc>> {
    match call.get(arg - 1) {
        Value::Thread(t) => Ok(t),
        _ => Err(type_error(ctx, call, arg, "thread")),
    }
}

/// A value converted to a number the way `lua_tonumberx` converts it.
pub fn to_number(value: Value<'_>) -> Option<Number> {
    saturn_vm::arith::to_number(value)
}

/// A number (integers stay integers); numeric strings are converted.
pub fn check_number<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Number, Error<'gc>> {
    to_number(call.get(arg - 1)).ok_or_else(|| type_error(ctx, call, arg, "number"))
}

/// A number as a float (`luaL_checknumber`).
pub fn check_float<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<f64, Error<'gc>> {
    check_number(ctx, call, arg).map(Number::to_f64)
}

/// An integer: integers, floats with an exact integer value and strings
/// that convert to one (`luaL_checkinteger`).
pub fn check_integer<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<i64, Error<'gc>> {
    match to_number(call.get(arg - 1)) {
        Some(Number::Int(i)) => Ok(i),
        Some(Number::Float(f)) => float_to_int(f)
            .ok_or_else(|| arg_error(ctx, call, arg, "number has no integer representation")),
        None => Err(type_error(ctx, call, arg, "number")),
    }
}

/// An optional integer: `default` when absent or nil (`luaL_optinteger`).
pub fn opt_integer<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
    default: i64,
) -> Result<i64, Error<'gc>> {
    if is_none_or_nil(call, arg) {
        Ok(default)
    } else {
        check_integer(ctx, call, arg)
    }
}

/// An optional number: `default` when absent or nil (`luaL_optnumber`).
pub fn opt_float<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
    default: f64,
) -> Result<f64, Error<'gc>> {
    if is_none_or_nil(call, arg) {
        Ok(default)
    } else {
        check_float(ctx, call, arg)
    }
}

/// A string; numbers are converted to their string form, as
/// `luaL_checklstring` does.
pub fn check_string<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<LuaString<'gc>, Error<'gc>> {
    to_string_coerced(ctx, call.get(arg - 1)).ok_or_else(|| type_error(ctx, call, arg, "string"))
}

/// An optional string: `None` when absent or nil (`luaL_optlstring`).
pub fn opt_string<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
) -> Result<Option<LuaString<'gc>>, Error<'gc>> {
    if is_none_or_nil(call, arg) {
        Ok(None)
    } else {
        check_string(ctx, call, arg).map(Some)
    }
}

/// A string or number as a string (`lua_tolstring`); `None` otherwise.
pub fn to_string_coerced<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> Option<LuaString<'gc>> {
    match value {
        Value::String(s) => Some(s),
        Value::Integer(_) | Value::Number(_) => Some(ctx.to_display_string(value)),
        _ => None,
    }
}

/// One of `options` (`luaL_checkoption`); `default` is used when the
/// argument is absent or nil. Returns the index in `options`.
pub fn check_option<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    arg: usize,
    default: Option<&str>,
    options: &[&str],
) -> Result<usize, Error<'gc>> {
    let name: Vec<u8> = match (default, is_none_or_nil(call, arg)) {
        (Some(default), true) => default.as_bytes().to_vec(),
        _ => check_string(ctx, call, arg)?.as_bytes().to_vec(),
    };
    if let Some(index) = options.iter().position(|o| o.as_bytes() == name.as_slice()) {
        return Ok(index);
    }
    let shown = String::from_utf8_lossy(&name);
    Err(arg_error(
        ctx,
        call,
        arg,
        &format!("invalid option '{shown}'"),
    ))
}
