//! The Lua face of rings: the `rings` module, the state objects it makes,
//! and the `remotedostring` global of every slave (Rings 1.3's API).

use saturn_stdlib::args::{arg_error, check_string, type_error};
use saturn_stdlib::set_functions;
use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::gc::GcRequest;
use saturn_vm::host::JobTarget;
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::transfer::Transfer;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use crate::run;
use crate::slave::{Limits, Slave, SlaveError};

/// The registry name of the state objects' metatable (and their `__name`).
pub const STATE_NAME: &str = "rings Lua state";

/// What `getmetatable` answers for a state object.
const PROTECTED_METATABLE: &str = "You're not allowed to get the metatable of a Lua State";

/// The registry field holding a slave's id ([`install_remotedostring`]);
/// its presence is what makes a state a slave.
pub const SLAVE_ID_KEY: &[u8] = b"rings slave id";

/// `require "rings"`: the module, also set as the global `rings`.
pub fn load_rings<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    state_metatable(ctx);
    let module = ctx.new_table();
    set_functions(ctx, module, &[("new", new)]);
    for (field, text) in [
        ("_COPYRIGHT", "Copyright (C) 2006 Kepler Project"),
        ("_DESCRIPTION", "Rings: Multiple Lua States"),
        ("_VERSION", "Rings 1.3.0"),
    ] {
        module.set_str(ctx.mc, ctx.intern(field.as_bytes()), ctx.str(text));
    }
    ctx.set_global("rings", Value::Table(module));
    call.clear();
    call.push(Value::Table(module))?;
    Ok(Action::Return(1))
}

/// The state objects' metatable, created in the registry on first use
/// (`luaL_newmetatable`).
fn state_metatable<'gc>(ctx: Context<'gc>) -> Table<'gc> {
    let key = ctx.intern(STATE_NAME.as_bytes());
    if let Value::Table(mt) = ctx.registry().get_str(ctx.mc, key) {
        return mt;
    }
    let mt = ctx.new_table();
    set_functions(
        ctx,
        mt,
        &[
            ("close", close),
            ("dostring", dostring),
            ("__gc", close),
            ("__tostring", tostring),
        ],
    );
    let set =
        |field: &str, value: Value<'gc>| mt.set_str(ctx.mc, ctx.intern(field.as_bytes()), value);
    set("__index", Value::Table(mt));
    set("__name", ctx.str(STATE_NAME));
    set("__metatable", ctx.str(PROTECTED_METATABLE));
    ctx.registry().set_str(ctx.mc, key, Value::Table(mt));
    mt
}

/// `rings.new([env [, limits]])`. Without arguments the environment of the
/// slave's `remotedostring` chunks is the master's `_M`, else its `_G`
/// (a new table when neither exists); an explicit `nil` means the master's
/// globals. `limits` may hold `memory` (bytes) and `instructions` (per
/// `dostring`).
fn new<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let env = if call.is_empty() {
        default_environment(ctx)
    } else {
        call.get(0)
    };
    let limits = match call.get(1) {
        Value::Nil => Limits::default(),
        Value::Table(t) => Limits {
            memory: limit_field(ctx, call, t, "memory")?.map(|n| n as usize),
            instructions: limit_field(ctx, call, t, "instructions")?,
        },
        _ => return Err(type_error(ctx, call, 2, "table")),
    };
    let slave = Slave::create(ctx, env, limits);
    let object = Value::UserData(UserData::new(ctx.mc, Box::new(slave)));
    // Through the context, so that the `__gc` closing the slave when the
    // object is collected is registered.
    ctx.set_metatable(object, Some(state_metatable(ctx)));
    call.clear();
    call.push(object)?;
    // The slave's heap is paced by this state's collector (it lives as
    // long as the userdata) but not allocated here: end the slice, so that
    // a loop making slaves cannot outrun the collector.
    Ok(Action::CollectGarbage {
        request: GcRequest::Pace,
        then: Continuation::new(made, 0),
    })
}

/// `rings.new` after the collector's step: the new state object.
fn made<'gc>(
    _ctx: Context<'gc>,
    _call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    Ok(Action::Return(1))
}

/// The master's `_M`, else `_G`, else a new table (read raw, as
/// `lua_getglobal` on a plain globals table).
fn default_environment<'gc>(ctx: Context<'gc>) -> Value<'gc> {
    let m = ctx.get_global("_M");
    if !m.is_nil() {
        return m;
    }
    let g = ctx.get_global("_G");
    if !g.is_nil() {
        return g;
    }
    Value::Table(ctx.new_table())
}

/// A non-negative integer field of the limits table, if present.
fn limit_field<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    limits: Table<'gc>,
    field: &str,
) -> Result<Option<u64>, Error<'gc>> {
    match limits.get_str(ctx.mc, ctx.intern(field.as_bytes())) {
        Value::Nil => Ok(None),
        Value::Integer(n) if n >= 0 => Ok(Some(n as u64)),
        Value::Number(n) if n >= 0.0 && n.fract() == 0.0 && n < 2f64.powi(63) => Ok(Some(n as u64)),
        _ => Err(arg_error(
            ctx,
            call,
            2,
            &format!("field '{field}' must be a non-negative integer"),
        )),
    }
}

/// The slave behind argument 1 (`luaL_checkudata`), open unless `closed_ok`.
fn check_state<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    closed_ok: bool,
) -> Result<Slave, Error<'gc>> {
    let slave = match call.get(0) {
        Value::UserData(u)
            if u.metatable()
                .is_some_and(|mt| Table::ptr_eq(mt, state_metatable(ctx))) =>
        {
            u.downcast_ref::<Slave>().map(|s| s.clone())
        }
        _ => None,
    };
    let slave = slave.ok_or_else(|| type_error(ctx, call, 1, STATE_NAME))?;
    if !closed_ok && slave.is_closed() {
        return Err(arg_error(ctx, call, 1, SlaveError::Closed.message()));
    }
    Ok(slave)
}

/// `state:dostring(code, ...)`: runs `code` in the slave (a host job, see
/// [`run::in_slave`]); `true, results...` or `false, message`.
fn dostring<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let slave = check_state(ctx, call, false)?;
    let code = check_string(ctx, call, 2)?.as_bytes().to_vec();
    let args = Transfer::from_values(call.args().get(2..).unwrap_or_default());
    let base = call.len() as i64;
    Ok(ctx.host_job(
        JobTarget::ThisState,
        Box::new(move |master, outer| run::in_slave(&slave, master, outer, code, args)),
        Continuation::new(answered, base),
    ))
}

/// `remotedostring(code, ...)` in a slave: runs `code` in its master with
/// the slave's environment.
fn remotedostring<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let Value::Integer(id) = call.upvalue(0) else {
        return Err(Error::runtime("rings: remotedostring lost its state"));
    };
    let code = check_string(ctx, call, 1)?.as_bytes().to_vec();
    let args = Transfer::from_values(call.args().get(1..).unwrap_or_default());
    let base = call.len() as i64;
    Ok(ctx.host_job(
        JobTarget::Master,
        Box::new(move |master, outer| run::in_master(master, outer, id, code, args)),
        Continuation::new(answered, base),
    ))
}

/// The answer of a `dostring` job: the values pushed above the `base`
/// arguments; a job error is raised here, with the caller's position.
fn answered<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    base: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => Ok(Action::Return(call.len() - base as usize)),
        Outcome::Err(Value::String(s)) => Err(Error::runtime(s.as_bytes())),
        Outcome::Err(error) => Err(Error::Value(error)),
    }
}

/// `state:close()` (and `__gc`): closes the slave, running its finalizers
/// outside this state's mutation; nothing for a closed slave; an error
/// for a running one.
fn close<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let slave = check_state(ctx, call, true)?;
    if slave.is_closed() {
        return Ok(Action::Return(0));
    }
    if slave.is_running() {
        return Err(Error::runtime(SlaveError::Running.message()));
    }
    let base = call.len() as i64;
    Ok(ctx.host_job(
        JobTarget::ThisState,
        Box::new(move |master, outer| {
            slave
                .close_in(master, outer)
                .map(|()| Vec::new())
                .map_err(|e| Transfer::from(e.message()))
        }),
        Continuation::new(answered, base),
    ))
}

/// `tostring(state)`: `Lua State (0x...)`.
fn tostring<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let Value::UserData(u) = call.get(0) else {
        return Err(type_error(ctx, call, 1, STATE_NAME));
    };
    let text = format!("Lua State ({:p})", u.as_ptr());
    call.clear();
    call.push(ctx.str(&text))?;
    Ok(Action::Return(1))
}

/// Makes the state of `ctx` a slave with id `id`: the global
/// `remotedostring` and the registry mark `stable` looks for.
pub fn install_remotedostring(ctx: Context<'_>, id: i64) {
    let f = ctx.native_with_upvalues(remotedostring, [Value::Integer(id)]);
    ctx.set_global("remotedostring", f);
    ctx.registry()
        .set_str(ctx.mc, ctx.intern(SLAVE_ID_KEY), Value::Integer(id));
}
