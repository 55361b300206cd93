//! `stable`: a table kept in the master, shared by its slaves (Rings'
//! `stable.lua`, natively).
//!
//! The table is the global `_state_persistent_table_` of the environment
//! the slave's `remotedostring` chunks see, so slaves sharing an
//! environment share it, and it outlives the slave that wrote to it.
//! Departures from the C library: `get` answers nil when the remote call
//! fails (the C library returns the error text as if it were the value),
//! and loading `stable` sets no globals (it overwrote `_VERSION`).

use saturn_vm::executor::{Action, Call, Continuation, ContinuationFn, Error, Outcome};
use saturn_vm::host::JobTarget;
use saturn_vm::state::Context;
use saturn_vm::transfer::Transfer;
use saturn_vm::value::Value;

use crate::module::SLAVE_ID_KEY;
use crate::run;

const CREATE: &[u8] = b"_state_persistent_table_ = _state_persistent_table_ or {}";
const GET: &[u8] = b"return _state_persistent_table_[...]";
const SET: &[u8] = b"_state_persistent_table_[select(1, ...)] = select(2, ...)";

/// The id of the slave the state of `ctx` is, if it is one.
fn slave_id(ctx: Context<'_>) -> Option<i64> {
    match ctx.registry().get_str(ctx.mc, ctx.intern(SLAVE_ID_KEY)) {
        Value::Integer(id) => Some(id),
        _ => None,
    }
}

/// Runs `code` with `args` in the master of slave `id`; `then` gets
/// `true, results...` or `false, message` above `base`.
fn remote<'gc>(
    ctx: Context<'gc>,
    id: i64,
    code: &'static [u8],
    args: Vec<Transfer>,
    then: ContinuationFn,
    base: usize,
) -> Action<'gc> {
    ctx.host_job(
        JobTarget::Master,
        Box::new(move |master, outer| run::in_master(master, outer, id, code.to_vec(), args)),
        Continuation::new(then, base as i64),
    )
}

/// `require "stable"`: creates the shared table in the master and returns
/// the module; fails in a state that is not a slave.
pub fn load_stable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let Some(id) = slave_id(ctx) else {
        return Err(Error::runtime(
            "stable: this state is not a rings slave (it has no master to keep the table in)",
        ));
    };
    call.clear();
    Ok(remote(ctx, id, CREATE, Vec::new(), created, 0))
}

fn created<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _base: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    if let Outcome::Err(e) = outcome {
        return Err(Error::Value(e));
    }
    if !matches!(call.get(0), Value::Boolean(true)) {
        let text = match call.get(1) {
            Value::String(s) => s.as_bytes().to_vec(),
            _ => b"?".to_vec(),
        };
        let mut message = b"stable: cannot create the shared table in the master: ".to_vec();
        message.extend_from_slice(&text);
        return Err(Error::runtime(message));
    }
    let Some(id) = slave_id(ctx) else {
        return Err(Error::runtime("stable: this state is not a rings slave"));
    };
    let module = ctx.new_table();
    for (name, function) in [("get", get as saturn_vm::closure::NativeFn), ("set", set)] {
        let f = ctx.native_with_upvalues(function, [Value::Integer(id)]);
        module.set_str(ctx.mc, ctx.intern(name.as_bytes()), f);
    }
    call.clear();
    call.push(Value::Table(module))?;
    Ok(Action::Return(1))
}

fn upvalue_id(call: &Call<'_, '_>) -> i64 {
    match call.upvalue(0) {
        Value::Integer(id) => id,
        _ => 0,
    }
}

/// `stable.get(key)`: the value, or nil when the master failed.
fn get<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let args = vec![Transfer::from_value(call.get(0))];
    let base = call.len();
    Ok(remote(ctx, upvalue_id(call), GET, args, got, base))
}

fn got<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    base: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    if let Outcome::Err(e) = outcome {
        return Err(Error::Value(e));
    }
    let base = base as usize;
    let value = if matches!(call.get(base), Value::Boolean(true)) {
        call.get(base + 1)
    } else {
        Value::Nil
    };
    call.clear();
    call.push(value)?;
    Ok(Action::Return(1))
}

/// `stable.set(key, value)`: returns nothing.
fn set<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let args = vec![
        Transfer::from_value(call.get(0)),
        Transfer::from_value(call.get(1)),
    ];
    let base = call.len();
    Ok(remote(ctx, upvalue_id(call), SET, args, stored, base))
}

fn stored<'gc>(
    _ctx: Context<'gc>,
    _call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _base: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Err(e) => Err(Error::Value(e)),
        Outcome::Ok => Ok(Action::Return(0)),
    }
}
