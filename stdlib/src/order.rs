//! The `<` operator as library functions need it (`lua_compare(L, a, b,
//! LUA_OPLT)`): `table.sort` without a comparator, `math.min`, `math.max`.
//!
//! Numbers (of either subtype) and strings compare directly; anything else
//! needs an `__lt` handler, which the caller calls through the executor so
//! that a Lua handler may yield.

use saturn_vm::arith::num_lt;
use saturn_vm::executor::Error;
use saturn_vm::meta::{MetaEvent, metamethod, type_name_for_error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

/// What deciding `a < b` takes.
pub enum Less<'gc> {
    /// Decided without calling anything.
    Known(bool),
    /// Call `handler(a, b)`; the truth of its first result is the answer.
    CallHandler(Value<'gc>),
}

/// Starts `a < b`. Values with no order and no `__lt` give PUC's error,
/// without a position (it is raised inside a native function).
#[inline(always)]
pub fn less_than<'gc>(
    ctx: Context<'gc>,
    a: Value<'gc>,
    b: Value<'gc>,
) -> Result<Less<'gc>, Error<'gc>> {
    // Two integers, the common case of a sort, inline; the rest out of line.
    if let (Value::Integer(x), Value::Integer(y)) = (a, b) {
        return Ok(Less::Known(x < y));
    }
    less_than_general(ctx, a, b)
}

/// [`less_than`] of anything but two integers.
#[inline(never)]
fn less_than_general<'gc>(
    ctx: Context<'gc>,
    a: Value<'gc>,
    b: Value<'gc>,
) -> Result<Less<'gc>, Error<'gc>> {
    if let Some(less) = num_lt(a, b) {
        return Ok(Less::Known(less));
    }
    if let (Value::String(x), Value::String(y)) = (a, b) {
        return Ok(Less::Known(x.as_bytes() < y.as_bytes()));
    }
    let mut handler = metamethod(ctx, a, MetaEvent::Lt);
    if handler.is_nil() {
        handler = metamethod(ctx, b, MetaEvent::Lt);
    }
    if handler.is_nil() {
        return Err(order_error(ctx, a, b));
    }
    Ok(Less::CallHandler(handler))
}

/// "attempt to compare two T values" / "attempt to compare T1 with T2".
pub fn order_error<'gc>(ctx: Context<'gc>, a: Value<'gc>, b: Value<'gc>) -> Error<'gc> {
    let t1 = type_name_for_error(ctx, a);
    let t2 = type_name_for_error(ctx, b);
    let message = if t1 == t2 {
        format!("attempt to compare two {t1} values")
    } else {
        format!("attempt to compare {t1} with {t2}")
    };
    Error::Value(ctx.str(&message))
}
