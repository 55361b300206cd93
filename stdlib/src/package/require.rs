//! `require(name)`, as PUC 5.4's `ll_require`.
//!
//! A module already in `package.loaded` (the registry's `_LOADED`) is
//! returned at once. Otherwise each searcher of `package.searchers` is
//! called in turn, through the executor, until one returns a loader; the
//! reasons the others give are collected for the "module not found"
//! message. The loader is called (also through the executor: it may
//! yield) with the name and the searcher's data; its result, or `true`,
//! becomes `package.loaded[name]`. As in 5.4, nothing marks a module as
//! being loaded: a module requiring itself recurses until the stack
//! overflows.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::value::Value;

use crate::args::{check_string, to_string_coerced};
use crate::io::path::c_name;
use crate::register::loaded_table;
use crate::results::return_values;

/// The window while searching: the name, `package.searchers`, the reasons
/// collected so far (a string), then the searcher's results.
const NAME: usize = 0;
const SEARCHERS: usize = 1;
const REASONS: usize = 2;
const RESULTS: usize = 3;

/// `require(name)`; the upvalue is the `package` table.
pub fn require<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    let loaded = loaded_table(ctx).get_str(ctx.mc, name);
    if !loaded.is_falsy() {
        return return_values(call, [loaded]);
    }
    let searchers = match call.upvalue(0) {
        Value::Table(package) => package.get_str(ctx.mc, ctx.intern(b"searchers")),
        _ => Value::Nil,
    };
    if !matches!(searchers, Value::Table(_)) {
        return Err(Error::Runtime(
            b"'package.searchers' must be a table".to_vec(),
        ));
    }
    return_values(
        call,
        [
            Value::String(name),
            searchers,
            Value::String(ctx.intern(b"")),
        ],
    )?;
    try_searcher(ctx, call, 1)
}

/// The module name, kept as a string at the bottom of the window.
fn name_of<'gc>(ctx: Context<'gc>, call: &Call<'gc, '_>) -> LuaString<'gc> {
    to_string_coerced(ctx, call.get(NAME)).unwrap_or_else(|| ctx.intern(b""))
}

/// Calls searcher `i`, or fails when there is none left.
fn try_searcher<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    i: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let searcher = match call.get(SEARCHERS) {
        Value::Table(t) => t.get_int(ctx.mc, i),
        _ => Value::Nil,
    };
    if searcher.is_nil() {
        let mut message = b"module '".to_vec();
        message.extend_from_slice(c_name(name_of(ctx, call).as_bytes()));
        message.extend_from_slice(b"' not found:");
        if let Value::String(reasons) = call.get(REASONS) {
            message.extend_from_slice(reasons.as_bytes());
        }
        return Err(Error::Runtime(message));
    }
    call.truncate(RESULTS);
    call.push(searcher)?;
    call.push(call.get(NAME))?;
    Ok(Action::Call {
        nargs: 1,
        then: Continuation::new(searched, i),
    })
}

/// Searcher `i` returned: a loader, a reason, or nothing.
fn searched<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    i: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let found = call.get(RESULTS);
    let data = call.get(RESULTS + 1);
    call.truncate(RESULTS);
    if found.as_function().is_some() {
        // Window: name, loader data; then the call loader(name, data).
        let name = call.get(NAME);
        return_values(call, [name, data, found, name, data])?;
        return Ok(Action::Call {
            nargs: 2,
            then: Continuation::new(module_loaded, 0),
        });
    }
    if let Some(reason) = to_string_coerced(ctx, found) {
        let mut reasons = match call.get(REASONS) {
            Value::String(s) => s.as_bytes().to_vec(),
            _ => Vec::new(),
        };
        reasons.extend_from_slice(b"\n\t");
        reasons.extend_from_slice(reason.as_bytes());
        call.set(REASONS, Value::String(ctx.intern(&reasons)))?;
    }
    try_searcher(ctx, call, i + 1)
}

/// The loader returned: record and return the module, and the loader
/// data.
fn module_loaded<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let name = name_of(ctx, call);
    let data = call.get(1);
    let result = call.get(2);
    let loaded = loaded_table(ctx);
    if !result.is_nil() {
        loaded.set_str(ctx.mc, name, result);
    }
    let mut module = loaded.get_str(ctx.mc, name);
    if module.is_nil() {
        module = Value::Boolean(true);
        loaded.set_str(ctx.mc, name, module);
    }
    return_values(call, [module, data])
}
