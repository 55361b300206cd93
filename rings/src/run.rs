//! Running a string of code in another state: `dostring` (master → slave)
//! and `remotedostring` (slave → master).
//!
//! Both run as host jobs (see `saturn_vm::host`), outside any mutation:
//! a slave's `dostring` drives the slave's executor; when the slave asks
//! for its master (`remotedostring`), the driving stops, the slave's state
//! is released, the chunk runs in the master, and the answer goes back to
//! the waiting slave. Because the slave is released meanwhile, the master
//! may call into the same slave again (re-entrancy). Every level of
//! nesting costs Rust stack, so the depth is bounded ([`MAX_NESTING`]) and
//! going deeper is a Lua error.
//!
//! In the called state the chunk runs under [`run_chunk`], which compiles
//! it and calls it under a traceback message handler, and always returns
//! `true, results...` or `false, message`, as the C library's `dostring`.

use std::cell::Cell;

use saturn_stdlib::base::load::load_chunk;
use saturn_stdlib::tostring::plain_text;
use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::host::{HostAnswer, HostJob, Master, StateAccess};
use saturn_vm::state::{Context, Drive, Execution, Lua};
use saturn_vm::transfer::Transfer;
use saturn_vm::value::Value;

use crate::environments;
use crate::slave::{Slave, failure};

/// How many `dostring`/`remotedostring` calls may be nested, counting
/// both directions.
pub const MAX_NESTING: u32 = 100;

/// The error of a call nested deeper than [`MAX_NESTING`].
pub const NESTING_MESSAGE: &str = "rings: too many nested calls between states";

thread_local! {
    /// Calls between states under way on this OS thread (states are not
    /// `Send`, so a ring lives on one thread).
    static NESTING: Cell<u32> = const { Cell::new(0) };
}

/// One level of nesting, given back when dropped.
struct NestingLevel;

impl NestingLevel {
    fn enter() -> Result<NestingLevel, Transfer> {
        NESTING.with(|n| {
            if n.get() >= MAX_NESTING {
                return Err(Transfer::from(NESTING_MESSAGE));
            }
            n.set(n.get() + 1);
            Ok(NestingLevel)
        })
    }
}

impl Drop for NestingLevel {
    fn drop(&mut self) {
        NESTING.with(|n| n.set(n.get() - 1));
    }
}

/// A state's master as seen by the jobs of a state it runs: master jobs of
/// the slave run on `master`, whose own master is `outer`.
pub(crate) struct MasterOf<'a, 'b> {
    pub(crate) master: &'a mut (dyn StateAccess + 'b),
    pub(crate) outer: &'a mut (dyn Master + 'b),
}

impl Master for MasterOf<'_, '_> {
    fn run_job(&mut self, job: HostJob) -> HostAnswer {
        job(self.master, self.outer)
    }
}

/// `slave:dostring(code, ...)`, run from `master` (whose own master is
/// `outer`): `true, results...` or `false, message`; `Err` is raised in
/// the caller (closed or busy slave, nesting too deep).
///
/// The slave is borrowed only while its executor runs: its host jobs run
/// after `drive` has returned, so code they run (in the master, or in the
/// slave's own slaves and back) may call into this slave again.
pub fn in_slave(
    slave: &Slave,
    master: &mut dyn StateAccess,
    outer: &mut dyn Master,
    code: Vec<u8>,
    args: Vec<Transfer>,
) -> HostAnswer {
    let _level = NestingLevel::enter()?;
    let _active = slave.activate();
    let mut execution = start_chunk(&mut *slave.state()?, code, None, args);
    execution.instruction_limit = slave.instruction_limit();
    loop {
        let drive = slave
            .state()?
            .drive(&mut execution, &mut MasterOf { master, outer });
        let answer = match drive {
            Drive::Finished => break,
            Drive::Job(job) => job(&mut slave.clone(), &mut MasterOf { master, outer }),
            Drive::MasterJob(job) => job(master, outer),
        };
        slave.state()?.answer(&execution, answer);
    }
    Ok(finish(&mut *slave.state()?, execution))
}

/// `remotedostring(code, ...)` of slave `slave_id`, run in `master`
/// (whose own master is `outer`), with the slave's environment. The master
/// too is borrowed only while its executor runs.
pub fn in_master(
    master: &mut dyn StateAccess,
    outer: &mut dyn Master,
    slave_id: i64,
    code: Vec<u8>,
    args: Vec<Transfer>,
) -> HostAnswer {
    let _level = NestingLevel::enter()?;
    let mut execution = start_chunk(&mut *master.lua()?, code, Some(slave_id), args);
    loop {
        let drive = master.lua()?.drive(&mut execution, outer);
        let answer = match drive {
            Drive::Finished => break,
            Drive::Job(job) => job(master, outer),
            Drive::MasterJob(job) => outer.run_job(job),
        };
        master.lua()?.answer(&execution, answer);
    }
    Ok(finish(&mut *master.lua()?, execution))
}

/// Starts [`run_chunk`] on `code` in `lua`, with the environment of slave
/// `env_of` (`None`: the globals).
fn start_chunk(
    lua: &mut Lua,
    code: Vec<u8>,
    env_of: Option<i64>,
    args: Vec<Transfer>,
) -> Execution {
    lua.start_call(|ctx| {
        let env = env_of
            .and_then(|id| environments::get(ctx, id))
            .unwrap_or_default();
        let mut values = Vec::with_capacity(args.len() + 2);
        values.push(Value::String(ctx.intern(&code)));
        values.push(env);
        values.extend(args.iter().map(|a| a.to_value(ctx)));
        (ctx.native(run_chunk), values)
    })
}

/// The values of a finished [`run_chunk`]; an error that escaped it (the
/// instruction limit, or memory exhausted in the handler) is a failure.
fn finish(lua: &mut Lua, execution: Execution) -> Vec<Transfer> {
    lua.finish_execution(execution, |_, result| match result {
        Ok(values) => Transfer::from_values(values),
        Err((error, _)) => match Transfer::from_value(error) {
            Transfer::String(text) => failure(text),
            other => vec![Transfer::Boolean(false), other],
        },
    })
}

/// `run_chunk(code, env, ...)`: compiles `code` (text or binary) as a
/// chunk named by its own text, as the C library does, with `_ENV` set to
/// `env` unless nil, and calls it with `...` under [`traceback`].
fn run_chunk<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let Value::String(code) = call.get(0) else {
        return Err(Error::runtime("rings: the code to run is not a string"));
    };
    let env = call.get(1);
    let env = (!env.is_nil()).then_some(env);
    let text = code.as_bytes();
    // The C library passes the code as a C string for the chunk name.
    let name_end = text.iter().position(|&b| b == 0).unwrap_or(text.len());
    match load_chunk(ctx, text, &text[..name_end], b"bt", env) {
        Err(message) => {
            call.clear();
            call.extend([Value::Boolean(false), Value::String(ctx.intern(&message))])?;
            Ok(Action::Return(2))
        }
        Ok(function) => {
            call.set(0, function)?;
            call.remove(1);
            Ok(Action::ProtectedCall {
                nargs: call.len() - 1,
                handler: Some(ctx.native(traceback)),
                then: Continuation::new(chunk_done, 0),
            })
        }
    }
}

/// `true, results...`, or `false` and the error as `lua_tostring` sees it:
/// a string, a number's text, or nil for any other value.
fn chunk_done<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => {
            call.insert(0, Value::Boolean(true))?;
            Ok(Action::Return(call.len()))
        }
        Outcome::Err(error) => {
            let message = match error {
                Value::String(_) | Value::Integer(_) | Value::Number(_) => {
                    Value::String(plain_text(ctx, error))
                }
                _ => Value::Nil,
            };
            call.clear();
            call.extend([Value::Boolean(false), message])?;
            Ok(Action::Return(2))
        }
    }
}

/// How the traceback shows [`run_chunk`], the bottom frame.
const HOST_LINE: &[u8] = b"\n\t[C]: in ?";

/// The message handler of a chunk: `debug.traceback`'s behaviour (a string
/// or number gets the traceback from the function that raised the error,
/// other values are returned untouched), except for "not enough memory",
/// for which PUC calls no handler.
fn traceback<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let error = call.get(0);
    let text = match error {
        Value::String(s) if s.as_bytes() == b"not enough memory" => None,
        Value::String(_) | Value::Integer(_) | Value::Number(_) => Some(plain_text(ctx, error)),
        _ => None,
    };
    call.clear();
    match text {
        Some(text) => {
            let mut report = call.traceback(ctx, Some(text.as_bytes()), 1);
            // The bottom frame is `run_chunk`, which stands for the C
            // library's `lua_pcall` from its host: no frame of its own.
            if report.ends_with(HOST_LINE) {
                report.truncate(report.len() - HOST_LINE.len());
            }
            call.push(Value::String(ctx.intern(&report)))?;
        }
        None => call.push(error)?,
    }
    Ok(Action::Return(1))
}
