//! `collectgarbage`: the collector's controls, as the 5.4 manual lists
//! them (plus the deprecated `setpause` / `setstepmul` that PUC 5.4 still
//! accepts).
//!
//! Collection itself can only happen between executor slices (gc-arena
//! collects outside mutations), so "collect" and "step" ask the executor to
//! pause while the host collects (running due finalizers), and answer in a
//! continuation. Everything else is answered at once. Inside a `__gc`
//! finalizer the collector is not reentrant and every option answers fail.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::gc::{GcMode, GcRequest, last_step_finished};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{check_option, opt_integer};
use crate::results::return_one;

const OPTIONS: [&str; 10] = [
    "stop",
    "restart",
    "collect",
    "count",
    "step",
    "setpause",
    "setstepmul",
    "isrunning",
    "generational",
    "incremental",
];

/// `collectgarbage([opt [, arg]])`.
pub fn collectgarbage<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let option = OPTIONS[check_option(ctx, call, 1, Some("collect"), &OPTIONS)?];
    // Inside a finalizer or a closing state every option fails, as in PUC
    // (`lua_gc` answers -1).
    let refused = {
        let gc = ctx.state.gc.borrow();
        gc.in_finalizer || gc.closing
    };
    if refused {
        return return_one(call, Value::Nil);
    }
    let result = match option {
        "stop" | "restart" => {
            ctx.state.gc.borrow_mut(ctx.mc).stopped = option == "stop";
            Value::Integer(0)
        }
        "collect" => {
            call.clear();
            return Ok(Action::CollectGarbage {
                request: GcRequest::Collect,
                then: Continuation::new(collected, 0),
            });
        }
        "count" => Value::Number(ctx.memory_used() as f64 / 1024.0),
        "step" => {
            let kilobytes = opt_integer(ctx, call, 2, 0)?;
            call.clear();
            return Ok(Action::CollectGarbage {
                request: GcRequest::Step(kilobytes),
                then: Continuation::new(stepped, 0),
            });
        }
        "setpause" | "setstepmul" => {
            let value = opt_integer(ctx, call, 2, 0)?;
            let params = &mut ctx.state.gc.borrow_mut(ctx.mc).params;
            Value::Integer(if option == "setpause" {
                params.set_pause(value)
            } else {
                params.set_stepmul(value)
            })
        }
        "isrunning" => Value::Boolean(!ctx.state.gc.borrow().stopped),
        _ => {
            let (mode, parameters) = if option == "generational" {
                (GcMode::Generational, 2)
            } else {
                (GcMode::Incremental, 3)
            };
            let mut values = [0; 3];
            for (i, value) in values.iter_mut().take(parameters).enumerate() {
                *value = opt_integer(ctx, call, 2 + i, 0)?;
            }
            let mut gc = ctx.state.gc.borrow_mut(ctx.mc);
            if mode == GcMode::Incremental {
                // PUC: a zero keeps the current value. (The generational
                // multipliers are accepted and ignored: Saturn's collector
                // is incremental in both modes.)
                let [pause, stepmul, stepsize] = values;
                if pause != 0 {
                    gc.params.set_pause(pause);
                }
                if stepmul != 0 {
                    gc.params.set_stepmul(stepmul);
                }
                if stepsize != 0 {
                    gc.params.set_stepsize(stepsize);
                }
            }
            let previous = gc.mode;
            gc.mode = mode;
            ctx.str(previous.name())
        }
    };
    return_one(call, result)
}

/// After a full collection: `collectgarbage("collect")` returns 0.
fn collected<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, Value::Integer(0))
}

/// After a step: whether it finished a cycle.
fn stepped<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, Value::Boolean(last_step_finished(ctx)))
}
