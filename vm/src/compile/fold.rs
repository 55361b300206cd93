//! Compile-time arithmetic on numeric constants (PUC's `constfolding`).
//!
//! Folding must never change what a program computes or which errors it
//! raises, so an operation is folded only when it cannot fail at run time:
//! no division or modulo by zero, no bitwise operation on a float without
//! an exact integer value. Results that are NaN or a float zero are not
//! folded either (the sign of `-0.0` would be lost in the constant table).

use crate::bytecode::ArithOp;

/// A numeric literal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Numeral {
    Int(i64),
    Float(f64),
}

/// The operations that can be folded: the binary ones plus `-` and `~`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FoldOp {
    Arith(ArithOp),
    Neg,
    BNot,
}

/// `f` as an integer, if it has an exact integer value in range.
pub(super) fn float_to_integer(f: f64) -> Option<i64> {
    // -2^63 is representable; 2^63 is the first float out of range.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if f.floor() == f && (-LIMIT..LIMIT).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

fn to_integer(n: Numeral) -> Option<i64> {
    match n {
        Numeral::Int(i) => Some(i),
        Numeral::Float(f) => float_to_integer(f),
    }
}

fn to_float(n: Numeral) -> f64 {
    match n {
        Numeral::Int(i) => i as f64,
        Numeral::Float(f) => f,
    }
}

fn is_zero(n: Numeral) -> bool {
    match n {
        Numeral::Int(i) => i == 0,
        Numeral::Float(f) => f == 0.0,
    }
}

/// The folded value of `a op b` (for unary operators `b` is ignored), or
/// `None` when the operation must be left to run time.
pub(super) fn fold(op: FoldOp, a: Numeral, b: Numeral) -> Option<Numeral> {
    let result = match op {
        FoldOp::Neg => match a {
            Numeral::Int(i) => Numeral::Int(i.wrapping_neg()),
            Numeral::Float(f) => Numeral::Float(-f),
        },
        FoldOp::BNot => Numeral::Int(!to_integer(a)?),
        FoldOp::Arith(op) if op.is_bitwise() => {
            Numeral::Int(integer_bitwise(op, to_integer(a)?, to_integer(b)?))
        }
        FoldOp::Arith(op) => {
            if matches!(op, ArithOp::Div | ArithOp::IDiv | ArithOp::Mod) && is_zero(b) {
                return None;
            }
            match (a, b, op) {
                (Numeral::Int(x), Numeral::Int(y), _)
                    if !matches!(op, ArithOp::Pow | ArithOp::Div) =>
                {
                    Numeral::Int(integer_arith(op, x, y))
                }
                _ => Numeral::Float(float_arith(op, to_float(a), to_float(b))),
            }
        }
    };
    match result {
        Numeral::Float(f) if f.is_nan() || f == 0.0 => None,
        other => Some(other),
    }
}

fn integer_bitwise(op: ArithOp, x: i64, y: i64) -> i64 {
    match op {
        ArithOp::BAnd => x & y,
        ArithOp::BOr => x | y,
        ArithOp::BXor => x ^ y,
        ArithOp::Shl => shift_left(x, y),
        _ => shift_left(x, y.wrapping_neg()),
    }
}

/// Lua's `<<`: negative counts shift right, counts of 64 or more give 0.
pub(super) fn shift_left(x: i64, y: i64) -> i64 {
    if y <= -64 || y >= 64 {
        0
    } else if y >= 0 {
        ((x as u64) << y) as i64
    } else {
        ((x as u64) >> -y) as i64
    }
}

/// Integer `+ - * // %` with wrap-around and floor semantics (the divisor
/// is known to be non-zero).
fn integer_arith(op: ArithOp, x: i64, y: i64) -> i64 {
    match op {
        ArithOp::Add => x.wrapping_add(y),
        ArithOp::Sub => x.wrapping_sub(y),
        ArithOp::Mul => x.wrapping_mul(y),
        ArithOp::IDiv => {
            if y == -1 {
                return x.wrapping_neg();
            }
            let q = x / y;
            if (x % y != 0) && ((x ^ y) < 0) {
                q - 1
            } else {
                q
            }
        }
        _ => {
            if y == -1 {
                return 0;
            }
            let r = x % y;
            if r != 0 && (r ^ y) < 0 { r + y } else { r }
        }
    }
}

fn float_arith(op: ArithOp, x: f64, y: f64) -> f64 {
    match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => x * y,
        ArithOp::Div => x / y,
        ArithOp::Pow => {
            if y == 2.0 {
                x * x
            } else {
                x.powf(y)
            }
        }
        ArithOp::IDiv => (x / y).floor(),
        _ => float_mod(x, y),
    }
}

/// Lua's float `%`: the result has the sign of the divisor.
fn float_mod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if (m > 0.0 && y < 0.0) || (m < 0.0 && y > 0.0) {
        m + y
    } else {
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Numeral::{Float, Int};

    fn arith(op: ArithOp, a: Numeral, b: Numeral) -> Option<Numeral> {
        fold(FoldOp::Arith(op), a, b)
    }

    #[test]
    fn integer_arithmetic_wraps_and_floors() {
        assert_eq!(
            arith(ArithOp::Add, Int(i64::MAX), Int(1)),
            Some(Int(i64::MIN))
        );
        assert_eq!(arith(ArithOp::IDiv, Int(7), Int(-2)), Some(Int(-4)));
        assert_eq!(arith(ArithOp::Mod, Int(-7), Int(2)), Some(Int(1)));
        assert_eq!(arith(ArithOp::Mod, Int(7), Int(-2)), Some(Int(-1)));
        assert_eq!(
            arith(ArithOp::IDiv, Int(i64::MIN), Int(-1)),
            Some(Int(i64::MIN))
        );
        assert_eq!(arith(ArithOp::Mod, Int(i64::MIN), Int(-1)), Some(Int(0)));
    }

    #[test]
    fn float_results() {
        assert_eq!(arith(ArithOp::Div, Int(1), Int(2)), Some(Float(0.5)));
        assert_eq!(arith(ArithOp::Pow, Int(2), Int(10)), Some(Float(1024.0)));
        assert_eq!(arith(ArithOp::IDiv, Float(7.5), Int(2)), Some(Float(3.0)));
        assert_eq!(arith(ArithOp::Mod, Float(-5.5), Int(2)), Some(Float(0.5)));
        assert_eq!(arith(ArithOp::Mod, Float(5.5), Int(-2)), Some(Float(-0.5)));
    }

    #[test]
    fn unsafe_or_lossy_operations_are_not_folded() {
        assert_eq!(arith(ArithOp::Div, Int(1), Int(0)), None);
        assert_eq!(arith(ArithOp::IDiv, Int(1), Int(0)), None);
        assert_eq!(arith(ArithOp::Mod, Float(1.0), Float(0.0)), None);
        assert_eq!(arith(ArithOp::BAnd, Float(1.5), Int(1)), None);
        assert_eq!(arith(ArithOp::Sub, Float(1.0), Float(1.0)), None, "zero");
        assert_eq!(arith(ArithOp::Mul, Float(0.0), Int(5)), None, "zero");
        assert_eq!(fold(FoldOp::Neg, Float(0.0), Int(0)), None, "-0.0");
        assert_eq!(fold(FoldOp::Neg, Int(0), Int(0)), Some(Int(0)));
        assert_eq!(fold(FoldOp::BNot, Float(2.0), Int(0)), Some(Int(-3)));
        assert_eq!(fold(FoldOp::BNot, Float(2.5), Int(0)), None);
    }

    #[test]
    fn shifts_follow_lua() {
        assert_eq!(arith(ArithOp::Shl, Int(1), Int(63)), Some(Int(i64::MIN)));
        assert_eq!(arith(ArithOp::Shl, Int(1), Int(64)), Some(Int(0)));
        assert_eq!(arith(ArithOp::Shr, Int(-1), Int(63)), Some(Int(1)));
        assert_eq!(arith(ArithOp::Shl, Int(8), Int(-2)), Some(Int(2)));
        assert_eq!(arith(ArithOp::Shr, Int(8), Int(i64::MIN)), Some(Int(0)));
        assert_eq!(arith(ArithOp::BXor, Float(3.0), Int(5)), Some(Int(6)));
    }
}
