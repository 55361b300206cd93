//! The string metatable's arithmetic metamethods (`lstrlib.c`'s
//! `stringmetamethods`).
//!
//! Lua 5.4's VM never converts strings in arithmetic: an operation with a
//! string operand looks for a metamethod, and finds these. They convert
//! numeric strings (`"10" + 1` is `11`), otherwise defer to the second
//! operand's own metamethod, otherwise fail with `attempt to add a 'string'
//! with a 'number'`. Bitwise operators get no metamethod here, so `"3" & 1`
//! is an error.

use saturn_vm::arith::{self as vm_arith, ArithError};
use saturn_vm::bytecode::ArithOp;
use saturn_vm::closure::NativeFn;
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::number::Number;
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::results::return_one;

/// The metamethods, by event name.
pub const METAMETHODS: &[(&str, NativeFn)] = &[
    ("__add", add),
    ("__sub", sub),
    ("__mul", mul),
    ("__mod", modulo),
    ("__pow", pow),
    ("__div", div),
    ("__idiv", idiv),
    ("__unm", unm),
];

/// The operation a metamethod performs.
#[derive(Clone, Copy)]
enum Operation {
    Binary(ArithOp),
    Negate,
}

impl Operation {
    fn event(self) -> MetaEvent {
        match self {
            Operation::Binary(op) => MetaEvent::of_arith(op),
            Operation::Negate => MetaEvent::Unm,
        }
    }
}

/// Performs `operation` on the first two arguments (the interpreter passes
/// the operand twice for `__unm`).
fn perform<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    operation: Operation,
) -> Result<Action<'gc>, Error<'gc>> {
    let (a, b) = (call.get(0), call.get(1));
    // Numbers, and strings that are whole numerals (PUC's `tonum`). Called
    // with one argument, PUC's converted first operand lands where the
    // second would be and doubles as it: `__unm("4")` is `-4`.
    let x = vm_arith::to_number(a);
    let y = if call.len() < 2 {
        x
    } else {
        vm_arith::to_number(b)
    };
    if let (Some(x), Some(y)) = (x, y) {
        let result = match operation {
            Operation::Negate => Ok(match x {
                Number::Int(i) => Number::Int(i.wrapping_neg()),
                Number::Float(f) => Number::Float(-f),
            }),
            Operation::Binary(op) => vm_arith::arith(op, x, y),
        };
        return match result {
            Ok(Number::Int(i)) => return_one(call, Value::Integer(i)),
            Ok(Number::Float(f)) => return_one(call, Value::Number(f)),
            // PUC raises these from `lua_arith`, inside this C function,
            // so they carry no position.
            Err(ArithError::Number(e)) => Err(Error::Value(ctx.str(e.message()))),
            Err(ArithError::NoInteger) => {
                Err(Error::runtime("number has no integer representation"))
            }
        };
    }
    defer_to_second_operand(ctx, call, operation, a, b)
}

/// PUC's `trymt`: the second operand's metamethod decides, unless it is a
/// string (whose metamethod is this one) or has none.
fn defer_to_second_operand<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    operation: Operation,
    a: Value<'gc>,
    b: Value<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    let event = operation.event();
    let handler = match b {
        Value::String(_) => Value::Nil,
        _ => metamethod(ctx, b, event),
    };
    if handler.is_nil() {
        let verb = event.name().trim_start_matches("__");
        return Err(Error::runtime(format!(
            "attempt to {verb} a '{}' with a '{}'",
            a.type_name(),
            b.type_name()
        )));
    }
    call.clear();
    call.extend([handler, a, b])?;
    Ok(Action::TailCall { nargs: 2 })
}

/// `__add`.
fn add<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::Add))
}

/// `__sub`.
fn sub<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::Sub))
}

/// `__mul`.
fn mul<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::Mul))
}

/// `__mod`.
fn modulo<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::Mod))
}

/// `__pow`.
fn pow<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::Pow))
}

/// `__div`.
fn div<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::Div))
}

/// `__idiv`.
fn idiv<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Binary(ArithOp::IDiv))
}

/// `__unm`.
fn unm<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    perform(ctx, call, Operation::Negate)
}
