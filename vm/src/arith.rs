//! Lua 5.4 operator semantics on *values*: the choice between integer and
//! float arithmetic, and bitwise conversions. The operators themselves never
//! coerce strings; [`to_number`] is the conversion of `tonumber`-like
//! contexts (`for` loops, library arguments, the string metamethods). The number
//! algorithms themselves (floor division, exact mixed comparisons, ...) live
//! in [`crate::number`].

use crate::bytecode::ArithOp;
use crate::number::{self, Number};
use crate::value::Value;

/// Why an arithmetic operation on numbers failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// A bitwise operand has no integer representation.
    NoInteger,
    /// Integer `//` or `%` by zero.
    Number(number::ArithError),
}

#[inline]
fn to_value<'gc>(n: Number) -> Value<'gc> {
    match n {
        Number::Int(i) => Value::Integer(i),
        Number::Float(f) => Value::Number(f),
    }
}

/// A value as a number: numbers themselves, and strings that parse as one.
#[inline]
pub fn to_number(v: Value<'_>) -> Option<Number> {
    match v {
        Value::Integer(i) => Some(Number::Int(i)),
        Value::Number(f) => Some(Number::Float(f)),
        Value::String(s) => number::str_to_number(s.as_bytes()),
        _ => None,
    }
}

/// A number as an integer for bitwise operators: integers and floats with
/// an exact integer value; strings are not converted (Lua 5.4's VM leaves
/// them to the string metatable).
pub fn number_to_integer(v: Value<'_>) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(i),
        Value::Number(f) => number::float_to_int(f),
        _ => None,
    }
}

fn num_to_int(n: Number) -> Option<i64> {
    match n {
        Number::Int(i) => Some(i),
        Number::Float(f) => number::float_to_int(f),
    }
}

/// Applies `op` to two numbers.
pub fn arith(op: ArithOp, a: Number, b: Number) -> Result<Number, ArithError> {
    if op.is_bitwise() {
        let x = num_to_int(a).ok_or(ArithError::NoInteger)?;
        let y = num_to_int(b).ok_or(ArithError::NoInteger)?;
        return Ok(Number::Int(match op {
            ArithOp::BAnd => x & y,
            ArithOp::BOr => x | y,
            ArithOp::BXor => x ^ y,
            ArithOp::Shl => number::shift_left(x, y),
            _ => number::shift_right(x, y),
        }));
    }
    match (op, a, b) {
        (ArithOp::Div, _, _) => Ok(Number::Float(a.to_f64() / b.to_f64())),
        (ArithOp::Pow, _, _) => Ok(Number::Float(number::pow(a.to_f64(), b.to_f64()))),
        (_, Number::Int(x), Number::Int(y)) => Ok(Number::Int(match op {
            ArithOp::Add => x.wrapping_add(y),
            ArithOp::Sub => x.wrapping_sub(y),
            ArithOp::Mul => x.wrapping_mul(y),
            ArithOp::IDiv => number::int_idiv(x, y).map_err(ArithError::Number)?,
            _ => number::int_mod(x, y).map_err(ArithError::Number)?,
        })),
        _ => {
            let (x, y) = (a.to_f64(), b.to_f64());
            Ok(Number::Float(match op {
                ArithOp::Add => x + y,
                ArithOp::Sub => x - y,
                ArithOp::Mul => x * y,
                ArithOp::IDiv => number::float_idiv(x, y),
                _ => number::float_mod(x, y),
            }))
        }
    }
}

/// Arithmetic on two values that are numbers already (no coercion); `None`
/// when either is not a number.
#[inline]
pub fn arith_numbers<'gc>(
    op: ArithOp,
    a: Value<'gc>,
    b: Value<'gc>,
) -> Option<Result<Value<'gc>, ArithError>> {
    let x = match a {
        Value::Integer(i) => Number::Int(i),
        Value::Number(f) => Number::Float(f),
        _ => return None,
    };
    let y = match b {
        Value::Integer(i) => Number::Int(i),
        Value::Number(f) => Number::Float(f),
        _ => return None,
    };
    Some(arith(op, x, y).map(to_value))
}

fn as_number(v: Value<'_>) -> Option<Number> {
    match v {
        Value::Integer(i) => Some(Number::Int(i)),
        Value::Number(f) => Some(Number::Float(f)),
        _ => None,
    }
}

/// `a < b` for two numbers; `None` if either is not a number.
#[inline]
pub fn num_lt(a: Value<'_>, b: Value<'_>) -> Option<bool> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Some(x < y),
        (Value::Number(x), Value::Number(y)) => Some(x < y),
        _ => Some(number::num_lt(as_number(a)?, as_number(b)?)),
    }
}

/// `a <= b` for two numbers; `None` if either is not a number.
#[inline]
pub fn num_le(a: Value<'_>, b: Value<'_>) -> Option<bool> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Some(x <= y),
        (Value::Number(x), Value::Number(y)) => Some(x <= y),
        _ => Some(number::num_le(as_number(a)?, as_number(b)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_and_float_results() {
        assert_eq!(
            arith(ArithOp::IDiv, Number::Int(7), Number::Int(-2)),
            Ok(Number::Int(-4))
        );
        assert_eq!(
            arith(ArithOp::Div, Number::Int(1), Number::Int(2)),
            Ok(Number::Float(0.5))
        );
        assert_eq!(
            arith(ArithOp::Add, Number::Int(1), Number::Float(2.0)),
            Ok(Number::Float(3.0))
        );
        assert!(matches!(
            arith(ArithOp::Mod, Number::Int(1), Number::Int(0)),
            Err(ArithError::Number(_))
        ));
    }

    #[test]
    fn bitwise_needs_exact_integers() {
        assert_eq!(
            arith(ArithOp::BAnd, Number::Float(1.5), Number::Int(1)),
            Err(ArithError::NoInteger)
        );
        assert_eq!(
            arith(ArithOp::BOr, Number::Float(2.0), Number::Int(1)),
            Ok(Number::Int(3))
        );
        assert_eq!(
            arith(ArithOp::Shr, Number::Int(-1), Number::Int(63)),
            Ok(Number::Int(1))
        );
    }
}
