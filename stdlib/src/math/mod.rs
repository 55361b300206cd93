//! The math library (`lmathlib.c`), grouped by concern:
//!
//! - this module holds the elementary functions and the constants, keeping
//!   Lua 5.4's integer/float distinctions (`floor` of a float that fits is
//!   an integer, `fmod` of two integers is an integer, ...);
//! - [`extremes`] holds `min` and `max`, which compare with `<` and so may
//!   call `__lt` handlers;
//! - [`random`] holds `random` and `randomseed`, PUC's xoshiro256**
//!   generator, so that a seeded sequence is the same as PUC Lua's.

pub mod extremes;
pub mod random;

use saturn_vm::closure::NativeFn;
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::number::{Number, float_to_int};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{arg_error, check_any, check_float, check_integer, is_none_or_nil, opt_float};
use crate::register::{mark_loaded, set_functions};
use crate::results::return_one;

/// The library's functions (`random` and `randomseed` are added by
/// [`random::install`], as they share a generator state).
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("abs", abs),
    ("acos", acos),
    ("asin", asin),
    ("atan", atan),
    ("ceil", ceil),
    ("cos", cos),
    ("deg", deg),
    ("exp", exp),
    ("floor", floor),
    ("fmod", fmod),
    ("log", log),
    ("max", extremes::max),
    ("min", extremes::min),
    ("modf", modf),
    ("rad", rad),
    ("sin", sin),
    ("sqrt", sqrt),
    ("tan", tan),
    ("tointeger", tointeger),
    ("type", math_type),
    ("ult", ult),
];

/// Installs `math` and records it in `package.loaded`.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    random::install(ctx, library);
    let constants = [
        ("pi", Value::Number(std::f64::consts::PI)),
        ("huge", Value::Number(f64::INFINITY)),
        ("maxinteger", Value::Integer(i64::MAX)),
        ("mininteger", Value::Integer(i64::MIN)),
    ];
    for (name, value) in constants {
        library.set_str(ctx.mc, ctx.intern(name.as_bytes()), value);
    }
    ctx.set_global("math", Value::Table(library));
    mark_loaded(ctx, "math", Value::Table(library));
}

/// Returns a float result.
fn return_float<'gc>(call: &mut Call<'gc, '_>, f: f64) -> Result<Action<'gc>, Error<'gc>> {
    return_one(call, Value::Number(f))
}

/// Returns `f` as an integer when it has an exact integer value that fits,
/// else as a float (PUC's `pushnumint`).
fn return_int_if_exact<'gc>(call: &mut Call<'gc, '_>, f: f64) -> Result<Action<'gc>, Error<'gc>> {
    match float_to_int(f) {
        Some(i) => return_one(call, Value::Integer(i)),
        None => return_float(call, f),
    }
}

/// Defines a native that applies a float function to its first argument.
macro_rules! float_function {
    ($(#[$doc:meta] $name:ident => $f:expr;)*) => {$(
        #[$doc]
        fn $name<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
            let x = check_float(ctx, call, 1)?;
            let f: fn(f64) -> f64 = $f;
            return_float(call, f(x))
        }
    )*};
}

float_function! {
    /// `math.sin(x)`.
    sin => f64::sin;
    /// `math.cos(x)`.
    cos => f64::cos;
    /// `math.tan(x)`.
    tan => f64::tan;
    /// `math.asin(x)`.
    asin => f64::asin;
    /// `math.acos(x)`.
    acos => f64::acos;
    /// `math.exp(x)`.
    exp => f64::exp;
    /// `math.sqrt(x)`.
    sqrt => f64::sqrt;
    /// `math.deg(x)`: radians to degrees.
    deg => |x| x * (180.0 / std::f64::consts::PI);
    /// `math.rad(x)`: degrees to radians.
    rad => |x| x * (std::f64::consts::PI / 180.0);
}

/// `math.atan(y [, x])`: the angle of `(x, y)`, `x` defaulting to 1.
fn atan<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let y = check_float(ctx, call, 1)?;
    let x = opt_float(ctx, call, 2, 1.0)?;
    return_float(call, y.atan2(x))
}

/// `math.log(x [, base])`; bases 2 and 10 use the exact functions.
fn log<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let x = check_float(ctx, call, 1)?;
    let result = if is_none_or_nil(call, 2) {
        x.ln()
    } else {
        match check_float(ctx, call, 2)? {
            2.0 => x.log2(),
            10.0 => x.log10(),
            base => x.ln() / base.ln(),
        }
    };
    return_float(call, result)
}

/// `math.abs(x)`: integers stay integers (`abs(mininteger)` wraps to
/// itself, as in PUC).
fn abs<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if let Value::Integer(i) = call.get(0) {
        return return_one(call, Value::Integer(i.wrapping_abs()));
    }
    let x = check_float(ctx, call, 1)?;
    return_float(call, x.abs())
}

/// `math.floor(x)`: an integer when the result fits.
fn floor<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if let Value::Integer(i) = call.get(0) {
        return return_one(call, Value::Integer(i));
    }
    let x = check_float(ctx, call, 1)?;
    return_int_if_exact(call, x.floor())
}

/// `math.ceil(x)`: an integer when the result fits.
fn ceil<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if let Value::Integer(i) = call.get(0) {
        return return_one(call, Value::Integer(i));
    }
    let x = check_float(ctx, call, 1)?;
    return_int_if_exact(call, x.ceil())
}

/// `math.fmod(a, b)`: the remainder of the division rounding toward zero;
/// with two integers an integer (and an error for a zero divisor).
fn fmod<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if let (Value::Integer(a), Value::Integer(b)) = (call.get(0), call.get(1)) {
        if b == 0 {
            return Err(arg_error(ctx, call, 2, "zero"));
        }
        // `wrapping_rem` gives 0 for `mininteger % -1`, as PUC does.
        return return_one(call, Value::Integer(a.wrapping_rem(b)));
    }
    // PUC checks both in one C call expression, whose arguments GCC
    // evaluates right to left: the second argument is checked first.
    let b = check_float(ctx, call, 2)?;
    let a = check_float(ctx, call, 1)?;
    // Rust's float `%` is C's `fmod`.
    return_float(call, a % b)
}

/// `math.modf(x)`: the integral part (an integer when it is one that fits)
/// and the fractional part, always a float.
fn modf<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if let Value::Integer(i) = call.get(0) {
        call.clear();
        call.extend([Value::Integer(i), Value::Number(0.0)])?;
        return Ok(Action::Return(2));
    }
    let x = check_float(ctx, call, 1)?;
    let integral = if x < 0.0 { x.ceil() } else { x.floor() };
    // Infinities have no fractional part (`inf - inf` would be NaN).
    let fraction = if x == integral { 0.0 } else { x - integral };
    let integral = match float_to_int(integral) {
        Some(i) => Value::Integer(i),
        None => Value::Number(integral),
    };
    call.clear();
    call.extend([integral, Value::Number(fraction)])?;
    Ok(Action::Return(2))
}

/// `math.tointeger(x)`: the integer equal to `x` (strings convert), or
/// fail.
fn tointeger<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    let result = match crate::args::to_number(value) {
        Some(Number::Int(i)) => Value::Integer(i),
        Some(Number::Float(f)) => float_to_int(f).map_or(Value::Nil, Value::Integer),
        None => Value::Nil,
    };
    return_one(call, result)
}

/// `math.type(x)`: "integer", "float", or fail for a non-number.
fn math_type<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let result = match check_any(ctx, call, 1)? {
        Value::Integer(_) => ctx.str("integer"),
        Value::Number(_) => ctx.str("float"),
        _ => Value::Nil,
    };
    return_one(call, result)
}

/// `math.ult(a, b)`: `a < b` as unsigned integers.
fn ult<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let a = check_integer(ctx, call, 1)?;
    let b = check_integer(ctx, call, 2)?;
    return_one(call, Value::Boolean((a as u64) < (b as u64)))
}
