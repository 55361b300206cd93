//! Lua 5.4 number semantics that do not touch the heap: conversions between
//! the integer and float subtypes, parsing numerals (`tonumber`, string
//! coercion), printing numbers the way PUC Lua and glibc's `printf` do, and
//! the arithmetic whose edge cases Lua defines precisely (floor division and
//! modulo, shifts, exact integer/float comparison).
//!
//! Formatting builds on Rust's float formatting: its shortest round-trip
//! digits (fast) where they provably equal C's rounded digits, its exact
//! rounding (ties to even, as glibc) otherwise; this module applies C's
//! layout rules on top.

use std::fmt::Write as _;

/// A Lua number of either subtype.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    /// The value as a float (integers convert with rounding, as in C).
    #[inline]
    pub fn to_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

// ---------------------------------------------------------------------------
// Float → integer conversion
// ---------------------------------------------------------------------------

/// 2^63 as a float: the first float above every `i64`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// The integer equal to `f`, if there is one (PUC's `F2Ieq`).
#[inline]
pub fn float_to_int(f: f64) -> Option<i64> {
    if (-TWO_POW_63..TWO_POW_63).contains(&f) && f.floor() == f {
        Some(f as i64)
    } else {
        None
    }
}

/// The greatest integer `<= f`, if it fits in an `i64` (PUC's `F2Ifloor`).
#[inline]
pub fn float_floor_to_int(f: f64) -> Option<i64> {
    float_to_int(f.floor())
}

/// The least integer `>= f`, if it fits in an `i64` (PUC's `F2Iceil`).
#[inline]
pub fn float_ceil_to_int(f: f64) -> Option<i64> {
    float_to_int(f.ceil())
}

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

/// An arithmetic operation Lua reports as an error.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// Integer floor division by zero.
    DivideByZero,
    /// Integer modulo by zero.
    ModuloByZero,
}

impl ArithError {
    /// The message PUC Lua raises (its C source writes the second one as
    /// `'n%%0'`, a `printf` format: the message itself has a single `%`).
    pub fn message(self) -> &'static str {
        match self {
            ArithError::DivideByZero => "attempt to divide by zero",
            ArithError::ModuloByZero => "attempt to perform 'n%0'",
        }
    }
}

impl std::fmt::Display for ArithError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ArithError {}

/// Integer floor division (`//`).
#[inline]
pub fn int_idiv(a: i64, b: i64) -> Result<i64, ArithError> {
    match b {
        0 => Err(ArithError::DivideByZero),
        // Avoids the overflow trap of `i64::MIN / -1`; wraps as Lua does.
        -1 => Ok(a.wrapping_neg()),
        _ => {
            let q = a / b;
            // Truncation rounded towards zero; floor needs one less when the
            // signs differ and the division was inexact.
            if (a % b != 0) && ((a ^ b) < 0) {
                Ok(q - 1)
            } else {
                Ok(q)
            }
        }
    }
}

/// Integer modulo with the sign of the divisor (`%`).
#[inline]
pub fn int_mod(a: i64, b: i64) -> Result<i64, ArithError> {
    match b {
        0 => Err(ArithError::ModuloByZero),
        -1 => Ok(0),
        _ => {
            let r = a % b;
            if r != 0 && (r ^ b) < 0 {
                Ok(r + b)
            } else {
                Ok(r)
            }
        }
    }
}

/// Float floor division (`//`).
#[inline]
pub fn float_idiv(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

/// Float modulo with the sign of the divisor (`%`): C's `fmod`, moved into
/// the divisor's range when the signs differ.
#[inline]
pub fn float_mod(a: f64, b: f64) -> f64 {
    let r = a % b;
    if (r > 0.0 && b < 0.0) || (r < 0.0 && b > 0.0) {
        r + b
    } else {
        r
    }
}

/// Exponentiation (`^`), always on floats.
#[inline]
pub fn pow(a: f64, b: f64) -> f64 {
    if b == 2.0 { a * a } else { a.powf(b) }
}

/// Left shift (`<<`): counts of 64 or more give 0, negative counts shift
/// right. Shifts are logical.
#[inline]
pub fn shift_left(a: i64, n: i64) -> i64 {
    if n < 0 {
        if n <= -64 {
            0
        } else {
            ((a as u64) >> (-n)) as i64
        }
    } else if n >= 64 {
        0
    } else {
        ((a as u64) << n) as i64
    }
}

/// Logical right shift (`>>`), defined through [`shift_left`].
#[inline]
pub fn shift_right(a: i64, n: i64) -> i64 {
    if n == i64::MIN {
        // -n would overflow; any count this large shifts everything out.
        0
    } else {
        shift_left(a, -n)
    }
}

/// Whether an integer converts to a float exactly (|i| <= 2^53).
#[inline]
fn int_fits_float(i: i64) -> bool {
    const LIMIT: u64 = 1 << 53;
    i.unsigned_abs() <= LIMIT
}

/// `i < f`, exactly.
#[inline]
pub fn lt_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) < f
    } else {
        // i < f  <=>  i < ceil(f)
        match float_ceil_to_int(f) {
            Some(c) => i < c,
            None => f > 0.0,
        }
    }
}

/// `i <= f`, exactly.
#[inline]
pub fn le_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) <= f
    } else {
        match float_floor_to_int(f) {
            Some(fl) => i <= fl,
            None => f > 0.0,
        }
    }
}

/// `f < i`, exactly.
#[inline]
pub fn lt_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f < i as f64
    } else {
        match float_floor_to_int(f) {
            Some(fl) => fl < i,
            None => f < 0.0,
        }
    }
}

/// `f <= i`, exactly.
#[inline]
pub fn le_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f <= i as f64
    } else {
        match float_ceil_to_int(f) {
            Some(c) => c <= i,
            None => f < 0.0,
        }
    }
}

/// `i == f`, exactly (the float must have that integer value).
#[inline]
pub fn eq_int_float(i: i64, f: f64) -> bool {
    float_to_int(f) == Some(i)
}

/// `a < b` for numbers of any subtypes.
#[inline]
pub fn num_lt(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x < y,
        (Number::Float(x), Number::Float(y)) => x < y,
        (Number::Int(x), Number::Float(y)) => lt_int_float(x, y),
        (Number::Float(x), Number::Int(y)) => lt_float_int(x, y),
    }
}

/// `a <= b` for numbers of any subtypes.
#[inline]
pub fn num_le(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x <= y,
        (Number::Float(x), Number::Float(y)) => x <= y,
        (Number::Int(x), Number::Float(y)) => le_int_float(x, y),
        (Number::Float(x), Number::Int(y)) => le_float_int(x, y),
    }
}

/// `a == b` for numbers of any subtypes.
#[inline]
pub fn num_eq(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x == y,
        (Number::Float(x), Number::Float(y)) => x == y,
        (Number::Int(x), Number::Float(y)) | (Number::Float(y), Number::Int(x)) => {
            eq_int_float(x, y)
        }
    }
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// C's `isspace` in the C locale (which Lua's numerals use).
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn trim_space(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(start, |e| e + 1);
    &s[start..end]
}

/// Splits an optional leading sign off; returns whether it was `-`.
fn split_sign(s: &[u8]) -> (bool, &[u8]) {
    match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

fn hex_digit(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// Converts a numeral as Lua does (`luaO_str2num`): surrounding whitespace,
/// an optional sign, decimal or hexadecimal integers (decimal ones that
/// overflow become floats, hexadecimal ones wrap around), decimal floats
/// with an optional exponent and hexadecimal floats (`0x1.8p4`). No `inf`,
/// `nan`, or embedded NUL bytes.
pub fn str_to_number(s: &[u8]) -> Option<Number> {
    let s = trim_space(s);
    if let Some(i) = parse_int(s) {
        return Some(Number::Int(i));
    }
    parse_float(s).map(Number::Float)
}

/// The integer numeral `s` (already trimmed), if it is one.
fn parse_int(s: &[u8]) -> Option<i64> {
    let (negative, digits) = split_sign(s);
    let magnitude = if let Some(hex) = strip_hex_prefix(digits) {
        if hex.is_empty() {
            return None;
        }
        let mut value: u64 = 0;
        for &b in hex {
            value = value.wrapping_mul(16).wrapping_add(hex_digit(b)? as u64);
        }
        value
    } else {
        if digits.is_empty() {
            return None;
        }
        let mut value: u64 = 0;
        for &b in digits {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value.checked_mul(10)?.checked_add((b - b'0') as u64)?;
        }
        // One more than i64::MAX is allowed only as the magnitude of MIN.
        let limit = i64::MAX as u64 + negative as u64;
        if value > limit {
            return None;
        }
        value
    };
    Some(if negative {
        (magnitude as i64).wrapping_neg()
    } else {
        magnitude as i64
    })
}

fn strip_hex_prefix(s: &[u8]) -> Option<&[u8]> {
    match s {
        [b'0', b'x' | b'X', rest @ ..] => Some(rest),
        _ => None,
    }
}

/// The float numeral `s` (already trimmed), if it is one.
fn parse_float(s: &[u8]) -> Option<f64> {
    let (negative, body) = split_sign(s);
    let magnitude = if let Some(hex) = strip_hex_prefix(body) {
        parse_hex_float(hex)?
    } else {
        // Rust's parser is correctly rounded like strtod; only let through
        // what a C decimal numeral may contain (no "inf", "nan", signs
        // outside the exponent).
        let valid = !body.is_empty()
            && body
                .iter()
                .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
            && matches!(body[0], b'0'..=b'9' | b'.');
        if !valid {
            return None;
        }
        std::str::from_utf8(body).ok()?.parse::<f64>().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Parses the part of a hexadecimal float after `0x`: hex digits with an
/// optional point, then an optional binary exponent `p[sign]digits`.
fn parse_hex_float(s: &[u8]) -> Option<f64> {
    let mut mantissa: u64 = 0;
    // Binary exponent to apply to `mantissa`.
    let mut exponent: i64 = 0;
    // Whether nonzero digits were dropped for lack of room.
    let mut sticky = false;
    let mut any_digit = false;
    let mut seen_point = false;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'.' {
            if seen_point {
                return None;
            }
            seen_point = true;
        } else if let Some(d) = hex_digit(b) {
            any_digit = true;
            if mantissa >> 60 == 0 {
                mantissa = mantissa * 16 + d as u64;
                if seen_point {
                    exponent -= 4;
                }
            } else {
                sticky |= d != 0;
                if !seen_point {
                    exponent += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if i < s.len() {
        if !matches!(s[i], b'p' | b'P') {
            return None;
        }
        let (negative, digits) = split_sign(&s[i + 1..]);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut e: i64 = 0;
        for &d in digits {
            // Saturate: huge exponents just overflow or underflow.
            e = (e * 10 + (d - b'0') as i64).min(1 << 40);
        }
        exponent += if negative { -e } else { e };
    }
    Some(compose_float(mantissa, sticky, exponent))
}

/// `mantissa * 2^exponent` correctly rounded to a float (ties to even);
/// `sticky` says that nonzero bits below the mantissa were dropped.
fn compose_float(mantissa: u64, sticky: bool, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    // Normalise so the top bit is bit 63: value = m * 2^(e - 63).
    let shift = mantissa.leading_zeros();
    let m = mantissa << shift;
    let e = exponent - shift as i64 + 63;
    if e > 1023 {
        return f64::INFINITY;
    }
    // The result is n * 2^q with n < 2^53: q is the weight of the last
    // mantissa bit, 2^-1074 at least (subnormals keep fewer bits).
    let q = (e - 52).max(-1074);
    let dropped = (63 - (e - q)) as u32; // bits of m below the last kept bit
    let (mut n, rest, half) = if dropped >= 128 {
        (0u128, 1u128, u128::MAX)
    } else {
        let m = m as u128;
        let n = m >> dropped;
        let rest = m - (n << dropped);
        let half = if dropped == 0 {
            u128::MAX
        } else {
            1u128 << (dropped - 1)
        };
        (n, rest, half)
    };
    let above_half = rest > half || (rest == half && sticky);
    if above_half || (rest == half && n & 1 == 1) {
        n += 1;
    }
    let mut q = q;
    if n == 1 << 53 {
        n >>= 1;
        q += 1;
    }
    if q > 1023 - 52 {
        return f64::INFINITY;
    }
    let n = n as u64;
    if n >= 1 << 52 {
        let biased = (q + 52 + 1023) as u64;
        f64::from_bits((biased << 52) | (n & ((1 << 52) - 1)))
    } else {
        // Subnormal: q is -1074 and the bits are n itself.
        f64::from_bits(n)
    }
}

/// `tonumber(s, base)` for bases 2..=36: optional whitespace and `-`, digits
/// of the base (letters in either case), wrapping around on overflow.
pub fn str_to_int_base(s: &[u8], base: u32) -> Option<i64> {
    if !(2..=36).contains(&base) {
        return None;
    }
    let s = trim_space(s);
    let (negative, digits) = split_sign(s);
    if digits.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    for &b in digits {
        let d = (b as char).to_digit(36)?;
        if d >= base {
            return None;
        }
        value = value.wrapping_mul(base as u64).wrapping_add(d as u64);
    }
    Some(if negative {
        (value as i64).wrapping_neg()
    } else {
        value as i64
    })
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// An integer as `tostring` prints it.
pub fn fmt_int(i: i64) -> String {
    i.to_string()
}

/// Appends an integer as `tostring` prints it.
pub fn push_int(buf: &mut Vec<u8>, i: i64) {
    let mut digits = [0u8; 20];
    let mut n = i.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        buf.push(b'-');
    }
    buf.extend_from_slice(&digits[at..]);
}

/// A float as `tostring` prints it: `%.14g`, plus ".0" when the result
/// looks like an integer.
pub fn fmt_float(n: f64) -> String {
    let mut out = String::with_capacity(24);
    if !n.is_finite() {
        if n.is_sign_negative() {
            out.push('-');
        }
        out.push_str(if n.is_nan() { "nan" } else { "inf" });
        return out;
    }
    if n.is_sign_negative() {
        out.push('-');
    }
    let (digits, exponent) = round_digits(n.abs(), 14);
    layout_general(&mut out, &digits, exponent, 14, false);
    if out.bytes().all(|b| b == b'-' || b.is_ascii_digit()) {
        out.push_str(".0");
    }
    out
}

/// Appends a float as `tostring` prints it.
pub fn push_float(buf: &mut Vec<u8>, n: f64) {
    if !push_float_short(buf, n) {
        buf.extend_from_slice(fmt_float(n).as_bytes());
    }
}

/// The fast path of [`push_float`] for floats that are, to the nearest
/// double, a decimal `d` with at most 3 decimals and 14 significant digits
/// (`0.5`, `12.125`, `3.0`): `%.14g` prints exactly `d`, because `n` is
/// within half an ulp of `d`, far less than half a unit of its 14th digit.
/// Returns `false`, appending nothing, for every other float.
fn push_float_short(buf: &mut Vec<u8>, n: f64) -> bool {
    let scaled = n * 1000.0;
    // `scaled / 1000.0` is correctly rounded: equal to `n` exactly when `n`
    // is the double nearest to the decimal `scaled / 1000`.
    let in_range = scaled.abs() < 1e14; // false for NaN and infinities
    if !in_range || scaled.trunc() != scaled || scaled / 1000.0 != n {
        return false;
    }
    let m = scaled as i64;
    if n.is_sign_negative() {
        buf.push(b'-');
    }
    let m = m.unsigned_abs();
    push_int(buf, (m / 1000) as i64);
    buf.push(b'.');
    let fraction = m % 1000;
    if fraction == 0 {
        buf.push(b'0');
    } else {
        let digits = [
            b'0' + (fraction / 100) as u8,
            b'0' + (fraction / 10 % 10) as u8,
            b'0' + (fraction % 10) as u8,
        ];
        let kept = if digits[2] != b'0' {
            3
        } else if digits[1] != b'0' {
            2
        } else {
            1
        };
        buf.extend_from_slice(&digits[..kept]);
    }
    true
}

/// A number as `tostring` prints it.
pub fn fmt_number(n: Number) -> String {
    match n {
        Number::Int(i) => fmt_int(i),
        Number::Float(f) => fmt_float(f),
    }
}

/// Appends a number as `tostring` prints it (what concatenation needs).
pub fn push_number(buf: &mut Vec<u8>, n: Number) {
    match n {
        Number::Int(i) => push_int(buf, i),
        Number::Float(f) => push_float(buf, f),
    }
}

/// `x` (finite, non-negative) rounded to `count >= 1` significant digits,
/// exactly and ties to even as glibc does: the digits, and the decimal
/// exponent of the first one.
///
/// Exact rounding is slow in general (Rust falls back to big-number
/// arithmetic for many values), so this starts from the shortest decimal `d`
/// that reads back as `x`, which is fast, and rounds `d` instead whenever
/// that provably gives the same digits:
/// - `d` has at most `count <= 15` digits and `x` is normal: `x` is within
///   half an ulp (at most 1.2e-16 relative) of `d`, less than half a unit of
///   the 15th digit (at least 5e-16 relative), so `x` rounds to `d` itself;
/// - `d` has at least `count + 2` digits: a rounding midpoint has
///   `count + 1` digits, so if one lay between `x` and `d` it would read
///   back as `x` and be shorter than `d`, a contradiction. Then `x` and `d`
///   round the same way, except when `d` is itself a midpoint.
///
/// Everything else is rounded exactly.
fn round_digits(x: f64, count: usize) -> (String, i32) {
    let shortest = Shortest::of(x);
    let (shortest, exponent) = (shortest.digits(), shortest.exponent);
    if shortest.len() <= count && count <= 15 && (x == 0.0 || x >= f64::MIN_POSITIVE) {
        return (shortest.to_string(), exponent);
    }
    if shortest.len() >= count + 2 {
        let (kept, dropped) = shortest.split_at(count);
        let mut dropped = dropped.bytes();
        let first = dropped.next().unwrap_or(b'0');
        let rest_nonzero = dropped.any(|b| b != b'0');
        match (first, rest_nonzero) {
            (b'0'..=b'4', _) => return (kept.to_string(), exponent),
            (b'5', false) => {} // exactly a midpoint: decide exactly below
            _ => return round_up_digits(kept, exponent),
        }
    }
    let precision = count - 1;
    split_scientific(&format!("{x:.precision$e}"))
}

/// Adds one unit in the last place to a digit string (with its exponent).
fn round_up_digits(digits: &str, exponent: i32) -> (String, i32) {
    let mut bytes = digits.as_bytes().to_vec();
    for b in bytes.iter_mut().rev() {
        if *b == b'9' {
            *b = b'0';
        } else {
            *b += 1;
            return (String::from_utf8(bytes).unwrap_or_default(), exponent);
        }
    }
    // 99..9 became 100..0: one more digit before the point.
    bytes.insert(0, b'1');
    bytes.pop();
    (String::from_utf8(bytes).unwrap_or_default(), exponent + 1)
}

/// The shortest decimal that reads back as a float (Rust's `{:e}`): its
/// digits (17 at most) and the decimal exponent of the first one. It is
/// needed for nearly every float printed, so it lives on the stack.
struct Shortest {
    text: [u8; 32],
    digits_len: usize,
    exponent: i32,
}

impl Shortest {
    fn of(x: f64) -> Shortest {
        let mut text = StackText::default();
        let _ = write!(text, "{x:e}");
        let written = &text.bytes[..text.len];
        let (mantissa, exponent) = match written.iter().position(|&b| b == b'e') {
            Some(e) => (&written[..e], &written[e + 1..]),
            None => (written, &b"0"[..]),
        };
        let mut shortest = Shortest {
            text: [0; 32],
            digits_len: 0,
            exponent: std::str::from_utf8(exponent)
                .ok()
                .and_then(|e| e.parse().ok())
                .unwrap_or(0),
        };
        for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
            shortest.text[shortest.digits_len] = b;
            shortest.digits_len += 1;
        }
        shortest
    }

    fn digits(&self) -> &str {
        std::str::from_utf8(&self.text[..self.digits_len]).unwrap_or("0")
    }
}

/// A small text written on the stack (what `{:e}` of a float writes fits:
/// `-2.2250738585072014e-308` is 24 bytes).
#[derive(Default)]
struct StackText {
    bytes: [u8; 32],
    len: usize,
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Splits Rust's `d.ddde-X` into the digits and the exponent.
fn split_scientific(text: &str) -> (String, i32) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits = mantissa.chars().filter(|c| *c != '.').collect();
    (digits, exponent.parse().unwrap_or(0))
}

/// Lays out significant `digits` (the first one at decimal `exponent`) as
/// C's `%g` with `precision` does: fixed notation when the exponent is in
/// `-4..precision`, exponential otherwise; trailing zeros dropped unless
/// `alternate` (`#`), in which case there are exactly `precision` digits and
/// always a decimal point.
fn layout_general(
    out: &mut String,
    digits: &str,
    exponent: i32,
    precision: usize,
    alternate: bool,
) {
    let mut digits = digits.to_string();
    if alternate {
        while digits.len() < precision {
            digits.push('0');
        }
    } else {
        let kept = digits.trim_end_matches('0').len().max(1);
        digits.truncate(kept);
    }
    let (first, rest) = digits.split_at(1);
    if exponent < -4 || exponent as i64 >= precision as i64 {
        out.push_str(first);
        if !rest.is_empty() || alternate {
            out.push('.');
            out.push_str(rest);
        }
        push_exponent(out, exponent);
    } else if exponent >= 0 {
        let int_len = exponent as usize + 1;
        if digits.len() <= int_len {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', int_len - digits.len()));
            if alternate {
                out.push('.');
            }
        } else {
            out.push_str(&digits[..int_len]);
            out.push('.');
            out.push_str(&digits[int_len..]);
        }
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
        out.push_str(&digits);
    }
}

/// The `printf` flags and width of a conversion.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatFlags {
    /// `-`: pad on the right.
    pub left: bool,
    /// `+`: always print a sign.
    pub plus: bool,
    /// ` `: a space where a plus sign would go.
    pub space: bool,
    /// `#`: always print the decimal point; keep `%g`'s trailing zeros.
    pub alternate: bool,
    /// `0`: pad with zeros after the sign.
    pub zero: bool,
    /// Minimum field width.
    pub width: usize,
}

/// Formats a float like glibc's `printf` with conversion `conv` (one of
/// `e E f F g G a A`), an optional precision and flags.
pub fn format_float(n: f64, conv: u8, precision: Option<usize>, flags: FormatFlags) -> String {
    let mut out = Vec::new();
    push_formatted_float(&mut out, n, conv, precision, flags);
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `n` formatted as [`format_float`] does (what `string.format`
/// needs, without a string per conversion).
pub fn push_formatted_float(
    out: &mut Vec<u8>,
    n: f64,
    conv: u8,
    precision: Option<usize>,
    flags: FormatFlags,
) {
    let upper = conv.is_ascii_uppercase();
    let sign = if n.is_sign_negative() {
        "-"
    } else if flags.plus {
        "+"
    } else if flags.space {
        " "
    } else {
        ""
    };
    if !n.is_finite() {
        let body = match (n.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        push_padded(out, sign, "", body, flags, false);
        return;
    }
    let x = n.abs();
    let mut radix = "";
    let mut body = match conv.to_ascii_lowercase() {
        b'e' => exp_format(x, precision.unwrap_or(6), flags.alternate),
        b'f' => fixed_format(x, precision.unwrap_or(6), flags.alternate),
        b'a' => {
            radix = if upper { "0X" } else { "0x" };
            hex_format(x, precision, flags.alternate)
        }
        _ => general_format(x, precision.unwrap_or(6), flags.alternate),
    };
    if upper {
        body.make_ascii_uppercase();
    }
    push_padded(out, sign, radix, &body, flags, true);
}

/// Appends the sign, the radix prefix and the body, padded to the field
/// width: spaces on either side, or zeros after the prefixes (`0`, when
/// `zero_allowed`: never for inf and nan).
fn push_padded(
    out: &mut Vec<u8>,
    sign: &str,
    radix: &str,
    body: &str,
    flags: FormatFlags,
    zero_allowed: bool,
) {
    let fill = flags
        .width
        .saturating_sub(sign.len() + radix.len() + body.len());
    if flags.left {
        out.extend_from_slice(sign.as_bytes());
        out.extend_from_slice(radix.as_bytes());
        out.extend_from_slice(body.as_bytes());
        out.resize(out.len() + fill, b' ');
    } else if flags.zero && zero_allowed {
        out.extend_from_slice(sign.as_bytes());
        out.extend_from_slice(radix.as_bytes());
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body.as_bytes());
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(sign.as_bytes());
        out.extend_from_slice(radix.as_bytes());
        out.extend_from_slice(body.as_bytes());
    }
}

/// `%e` of a finite non-negative float: `d.ddde+XX`.
fn exp_format(x: f64, precision: usize, alternate: bool) -> String {
    let (digits, exponent) = round_digits(x, precision + 1);
    let mut out = String::with_capacity(precision + 8);
    out.push_str(&digits[..1]);
    if precision > 0 || alternate {
        out.push('.');
    }
    out.push_str(&digits[1..]);
    out.extend(std::iter::repeat_n('0', precision + 1 - digits.len()));
    push_exponent(&mut out, exponent);
    out
}

/// C's exponent: a sign and at least two digits.
fn push_exponent(out: &mut String, exponent: i32) {
    out.push('e');
    out.push(if exponent < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exponent.unsigned_abs());
}

/// `%f` of a finite non-negative float.
fn fixed_format(x: f64, precision: usize, alternate: bool) -> String {
    let mut out = String::with_capacity(precision + 24);
    // The digits kept are those down to the `precision`-th decimal.
    let magnitude = Shortest::of(x).exponent;
    let count = magnitude as i64 + 1 + precision as i64;
    if x == 0.0 || count < 1 {
        // Rounds to zero or to one unit of the last decimal: let Rust decide.
        out.push_str(&format!("{x:.precision$}"));
    } else {
        let (mut digits, mut exponent) = round_digits(x, count as usize);
        if exponent < magnitude && count > 1 {
            // The shortest digits are a power of ten that `x` lies just
            // below (`10^38`): the exact digits start one place lower, so
            // one digit fewer reaches the same decimal.
            (digits, exponent) = round_digits(x, count as usize - 1);
        }
        if exponent >= 0 {
            let int_len = exponent as usize + 1;
            let (int_part, fraction) = digits.split_at(int_len.min(digits.len()));
            out.push_str(int_part);
            out.extend(std::iter::repeat_n('0', int_len - int_part.len()));
            if precision > 0 {
                out.push('.');
                out.push_str(fraction);
                out.extend(std::iter::repeat_n('0', precision - fraction.len()));
            }
        } else {
            out.push_str("0.");
            let zeros = (-exponent - 1) as usize;
            out.extend(std::iter::repeat_n('0', zeros));
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', precision - zeros - digits.len()));
        }
    }
    if alternate && precision == 0 {
        out.push('.');
    }
    out
}

/// `%g` of a finite non-negative float: `%e` or `%f` depending on the
/// exponent, trailing zeros removed unless `#`.
///
/// With `#`, glibc has a quirk this reproduces: when rounding carries `x`
/// up to `10^p` (`%#g` of 999999.5), glibc has already chosen `%f`'s
/// layout with no decimals, switches to `%e` and keeps no decimals:
/// `1.e+06`, not `1.00000e+06`.
fn general_format(x: f64, precision: usize, alternate: bool) -> String {
    let p = precision.max(1);
    let (digits, exponent) = round_digits(x, p);
    let mut out = String::new();
    if alternate && exponent as usize == p && carried_to_power_of_ten(x, p) {
        layout_general(&mut out, "1", exponent, 1, true);
    } else {
        layout_general(&mut out, &digits, exponent, p, alternate);
    }
    out
}

/// Whether `x`, which rounds to `10^p`, lies below it. Only `p <= 22`
/// can carry: powers of ten are exact floats up to there, and beyond,
/// an `x` with `p` integer digits is an integer, which rounding to `p`
/// digits leaves alone.
fn carried_to_power_of_ten(x: f64, p: usize) -> bool {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    POWERS.get(p).is_some_and(|&power| x < power)
}

/// `%a` of a finite non-negative float, after the `0x` prefix: glibc's
/// layout (`1.8p+1`; subnormals as `0.xxxp-1022`), shortest exact digits
/// without a precision, rounded to even with one.
fn hex_format(x: f64, precision: Option<usize>, alternate: bool) -> String {
    let bits = x.to_bits();
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut lead, exponent) = if biased == 0 {
        (0u64, if fraction == 0 { 0 } else { -1022 })
    } else {
        (1u64, biased - 1023)
    };
    // 13 hex digits hold the 52 fraction bits.
    let mut digits = fraction;
    let mut count = 13usize;
    match precision {
        None => {
            while count > 0 && digits & 0xf == 0 {
                digits >>= 4;
                count -= 1;
            }
        }
        Some(p) if p < 13 => {
            let drop = 4 * (13 - p) as u32;
            let rest = digits & ((1u64 << drop) - 1);
            let half = 1u64 << (drop - 1);
            digits >>= drop;
            let odd = if p == 0 { lead & 1 } else { digits & 1 };
            if rest > half || (rest == half && odd == 1) {
                digits += 1;
                if digits >> (4 * p) != 0 {
                    // The carry goes into the leading digit (glibc prints
                    // "0x2p+0" rather than renormalising).
                    digits &= (1u64 << (4 * p)) - 1;
                    lead += 1;
                }
            }
            count = p;
        }
        Some(_) => {}
    }
    let mut out = format!("{lead:x}");
    if count > 0 || precision.is_some_and(|p| p > 0) || alternate {
        out.push('.');
        if count > 0 {
            let _ = write!(out, "{digits:0count$x}");
        }
        if let Some(p) = precision {
            out.extend(std::iter::repeat_n('0', p.saturating_sub(count)));
        }
    }
    let _ = write!(
        out,
        "p{}{}",
        if exponent < 0 { '-' } else { '+' },
        exponent.unsigned_abs()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_float_fast_path_agrees_with_the_general_one() {
        let mut values = vec![
            0.0,
            -0.0,
            0.001,
            -0.5,
            1e13,
            99999999999.999,
            1e14,
            0.1,
            0.3,
        ];
        for i in -3000..3000 {
            values.extend([
                i as f64 / 8.0,
                i as f64 * 0.5,
                i as f64 / 1000.0,
                i as f64 * 0.1,
            ]);
            values.extend([
                i as f64 * 1e10 + 0.125,
                i as f64 / 3.0,
                i as f64 * 33333.333,
            ]);
        }
        let mut hits = 0;
        for n in values {
            let mut buf = Vec::new();
            if push_float_short(&mut buf, n) {
                hits += 1;
                assert_eq!(String::from_utf8(buf).unwrap(), fmt_float(n), "{n:e}");
            }
        }
        assert!(hits > 20000);
    }

    #[test]
    fn tostring_of_floats_matches_lua() {
        // Outputs of lua5.4 -e 'print(...)'.
        let cases = [
            (1e15, "1e+15"),
            (1e16, "1e+16"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (9.223372036854776e18, "9.2233720368548e+18"),
            (1.0 / 3.0, "0.33333333333333"),
            (100.0, "100.0"),
            (1e100, "1e+100"),
            (-1e-300, "-1e-300"),
            (std::f64::consts::PI, "3.1415926535898"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (123456789012345.0, "1.2345678901234e+14"),
            (1e14, "1e+14"),
            (9007199254740992.0, "9.007199254741e+15"),
            (-9.223372036854776e18, "-9.2233720368548e+18"),
            (5e-324, "4.9406564584125e-324"),
            (f64::MAX, "1.7976931348623e+308"),
            (0.0, "0.0"),
            (-1.5, "-1.5"),
            (1e-5, "1e-05"),
            (123456.0, "123456.0"),
            (99999999999999.0, "99999999999999.0"),
        ];
        for (n, expected) in cases {
            assert_eq!(fmt_float(n), expected, "tostring({n:e})");
        }
        assert_eq!(fmt_float(f64::NAN.copysign(1.0)), "nan");
        assert_eq!(fmt_float(f64::NAN.copysign(-1.0)), "-nan");
        let mut buf = b"x=".to_vec();
        push_float(&mut buf, 2.5);
        push_int(&mut buf, i64::MIN);
        push_int(&mut buf, 0);
        push_int(&mut buf, 42);
        assert_eq!(buf, b"x=2.5-9223372036854775808042");
        assert_eq!(fmt_int(-7), "-7");
        assert_eq!(fmt_number(Number::Float(3.0)), "3.0");
        assert_eq!(fmt_number(Number::Int(3)), "3");
        let mut buf = Vec::new();
        push_number(&mut buf, Number::Int(-1));
        push_number(&mut buf, Number::Float(0.5));
        assert_eq!(buf, b"-10.5");
    }

    fn fmt(n: f64, spec: &str) -> String {
        // A tiny printf-spec parser for the tests: flags, width, precision, conv.
        let bytes = spec.as_bytes();
        let mut flags = FormatFlags::default();
        let mut i = 1; // skip '%'
        while let Some(&b) = bytes.get(i) {
            match b {
                b'-' => flags.left = true,
                b'+' => flags.plus = true,
                b' ' => flags.space = true,
                b'#' => flags.alternate = true,
                b'0' => flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        while bytes[i].is_ascii_digit() {
            flags.width = flags.width * 10 + (bytes[i] - b'0') as usize;
            i += 1;
        }
        let mut precision = None;
        if bytes[i] == b'.' {
            i += 1;
            let mut p = 0;
            while bytes[i].is_ascii_digit() {
                p = p * 10 + (bytes[i] - b'0') as usize;
                i += 1;
            }
            precision = Some(p);
        }
        format_float(n, bytes[i], precision, flags)
    }

    #[test]
    fn string_format_of_1_5_matches_glibc() {
        let cases = [
            ("%.0a", "0x2p+0"),
            ("%a", "0x1.8p+0"),
            ("%.1a", "0x1.8p+0"),
            ("%.3a", "0x1.800p+0"),
            ("%A", "0X1.8P+0"),
            ("%.0f", "2"),
            ("%.0e", "2e+00"),
            ("%g", "1.5"),
            ("%#g", "1.50000"),
            ("%#.0f", "2."),
            ("%#.0e", "2.e+00"),
            ("%10.3f", "     1.500"),
            ("%-10.3e", "1.500e+00 "),
            ("%+g", "+1.5"),
            ("% g", " 1.5"),
            ("%010.2f", "0000001.50"),
            ("%.20g", "1.5"),
            ("%.3g", "1.5"),
        ];
        for (spec, expected) in cases {
            assert_eq!(fmt(1.5, spec), expected, "{spec}");
        }
    }

    #[test]
    fn string_format_table_matches_glibc() {
        // lua5.4: string.format("%a|%.0a|%.1a|%.2a|%.0f|%.0e|%g|%.3g|%e|%.17g|%#.3g", v, ...)
        let specs = [
            "%a", "%.0a", "%.1a", "%.2a", "%.0f", "%.0e", "%g", "%.3g", "%e", "%.17g", "%#.3g",
        ];
        let rows: [(f64, &str); 13] = [
            (
                0.5,
                "0x1p-1|0x1p-1|0x1.0p-1|0x1.00p-1|0|5e-01|0.5|0.5|5.000000e-01|0.5|0.500",
            ),
            (
                1.5,
                "0x1.8p+0|0x2p+0|0x1.8p+0|0x1.80p+0|2|2e+00|1.5|1.5|1.500000e+00|1.5|1.50",
            ),
            (
                2.5,
                "0x1.4p+1|0x1p+1|0x1.4p+1|0x1.40p+1|2|2e+00|2.5|2.5|2.500000e+00|2.5|2.50",
            ),
            (
                3.0,
                "0x1.8p+1|0x2p+1|0x1.8p+1|0x1.80p+1|3|3e+00|3|3|3.000000e+00|3|3.00",
            ),
            (
                0.0,
                "0x0p+0|0x0p+0|0x0.0p+0|0x0.00p+0|0|0e+00|0|0|0.000000e+00|0|0.00",
            ),
            (
                -0.0,
                "-0x0p+0|-0x0p+0|-0x0.0p+0|-0x0.00p+0|-0|-0e+00|-0|-0|-0.000000e+00|-0|-0.00",
            ),
            (
                5e-324,
                "0x0.0000000000001p-1022|0x0p-1022|0x0.0p-1022|0x0.00p-1022|0|5e-324|4.94066e-324|4.94e-324|4.940656e-324|4.9406564584124654e-324|4.94e-324",
            ),
            (
                2.2250738585072014e-308,
                "0x1p-1022|0x1p-1022|0x1.0p-1022|0x1.00p-1022|0|2e-308|2.22507e-308|2.23e-308|2.225074e-308|2.2250738585072014e-308|2.23e-308",
            ),
            (
                0.1,
                "0x1.999999999999ap-4|0x2p-4|0x1.ap-4|0x1.9ap-4|0|1e-01|0.1|0.1|1.000000e-01|0.10000000000000001|0.100",
            ),
            (
                1.0 / 3.0,
                "0x1.5555555555555p-2|0x1p-2|0x1.5p-2|0x1.55p-2|0|3e-01|0.333333|0.333|3.333333e-01|0.33333333333333331|0.333",
            ),
            (
                255.5,
                "0x1.ffp+7|0x2p+7|0x2.0p+7|0x1.ffp+7|256|3e+02|255.5|256|2.555000e+02|255.5|256.",
            ),
            (
                f64::MAX,
                "0x1.fffffffffffffp+1023|0x2p+1023|0x2.0p+1023|0x2.00p+1023|179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368|2e+308|1.79769e+308|1.8e+308|1.797693e+308|1.7976931348623157e+308|1.80e+308",
            ),
            (
                1.99609375,
                "0x1.ffp+0|0x2p+0|0x2.0p+0|0x1.ffp+0|2|2e+00|1.99609|2|1.996094e+00|1.99609375|2.00",
            ),
        ];
        for (v, expected) in rows {
            let got: Vec<String> = specs.iter().map(|s| fmt(v, s)).collect();
            assert_eq!(got.join("|"), expected, "{v:e}");
        }
        assert_eq!(fmt(1e300, "%.2a"), "0x1.7ep+996");
        assert_eq!(fmt(1e300, "%a"), "0x1.7e43c8800759cp+996");
        assert_eq!(fmt(1e300, "%.1a"), "0x1.8p+996");
        assert_eq!(fmt(255.5e-5, "%g"), "0.002555");
        assert_eq!(fmt(1.99609375e-5, "%g"), "1.99609e-05");
        assert_eq!(fmt(2.2250738585072014e-308 * 1e-5, "%g"), "2.22507e-313");
    }

    #[test]
    fn special_values_format_like_glibc() {
        assert_eq!(fmt(f64::INFINITY, "%f"), "inf");
        assert_eq!(fmt(f64::NEG_INFINITY, "%e"), "-inf");
        assert_eq!(fmt(f64::INFINITY, "%G"), "INF");
        assert_eq!(fmt(f64::NAN, "%g"), "nan");
        assert_eq!(fmt(-f64::NAN, "%F"), "-NAN");
        assert_eq!(fmt(f64::INFINITY, "%08f"), "     inf");
        assert_eq!(fmt(f64::INFINITY, "%+a"), "+inf");
        assert_eq!(fmt(-1.0, "%08.3f"), "-001.000");
        // lua5.4: string.format("%#010a|%#a|%#.0a|%010a|%-12a|%+.2e|%08.3g", ...)
        assert_eq!(fmt(1.0, "%#010a"), "0x0001.p+0");
        assert_eq!(fmt(1.0, "%#a"), "0x1.p+0");
        assert_eq!(fmt(1.0, "%#.0a"), "0x1.p+0");
        assert_eq!(fmt(-1.5, "%010a"), "-0x01.8p+0");
        assert_eq!(fmt(2.0, "%-12a"), "0x1p+1      ");
        assert_eq!(fmt(3.0, "%+.2e"), "+3.00e+00");
        assert_eq!(fmt(-0.5, "%08.3g"), "-00000.5");
    }

    #[test]
    fn general_format_switches_at_the_precision() {
        assert_eq!(fmt(100000.0, "%g"), "100000");
        assert_eq!(fmt(1000000.0, "%g"), "1e+06");
        assert_eq!(fmt(0.0001, "%g"), "0.0001");
        assert_eq!(fmt(0.00001, "%g"), "1e-05");
        assert_eq!(fmt(999999.5, "%g"), "1e+06");
        assert_eq!(fmt(123.456, "%.0g"), "1e+02");
        assert_eq!(fmt(123.456, "%#.0g"), "1.e+02");
        assert_eq!(fmt(0.5, "%.0g"), "0.5");
        assert_eq!(fmt(1e15, "%.14g"), "1e+15");
        assert_eq!(fmt(1e-10, "%.3e"), "1.000e-10");
        // lua5.4: glibc's '#' quirk when rounding reaches 10^precision.
        assert_eq!(fmt(999999.5, "%#g"), "1.e+06");
        assert_eq!(fmt(999.95, "%#.3g"), "1.e+03");
        assert_eq!(fmt(99.99, "%#.2g"), "1.e+02");
        assert_eq!(fmt(9.9999, "%#.1g"), "1.e+01");
        assert_eq!(fmt(9999995.0, "%#g"), "1.00000e+07");
        assert_eq!(fmt(1e6, "%#g"), "1.00000e+06");
        assert_eq!(fmt(9.9999, "%#.2g"), "10.");
        assert_eq!(fmt(0.000099999, "%#.3g"), "0.000100");
        assert_eq!(fmt(999999.5, "%g"), "1e+06");
        assert_eq!(fmt(1e200, "%e"), "1.000000e+200");
    }

    #[test]
    fn fixed_format_of_floats_just_below_a_power_of_ten() {
        // lua5.4 -e 'print(string.format("%.3f|%.0f|%.1f", 1e38, 1e23, 1e23))'
        // The float nearest 1e38 is below it.
        assert_eq!(
            fmt(1e38, "%.3f"),
            "99999999999999997748809823456034029568.000"
        );
        assert_eq!(fmt(1e23, "%.0f"), "99999999999999991611392");
        assert_eq!(fmt(1e23, "%.1f"), "99999999999999991611392.0");
        // Also below: 307 integer digits.
        assert_eq!(fmt(-1e307, "%.2f").len(), 1 + 307 + 3);
    }

    #[test]
    fn numerals_convert_like_lua() {
        use Number::{Float, Int};
        let cases: &[(&str, Option<Number>)] = &[
            ("10", Some(Int(10))),
            ("  10  ", Some(Int(10))),
            ("\t-7\n", Some(Int(-7))),
            ("+7", Some(Int(7))),
            ("0x10", Some(Int(16))),
            ("0XfF", Some(Int(255))),
            ("-0x10", Some(Int(-16))),
            ("0xffffffffffffffff", Some(Int(-1))),
            ("0x10000000000000000", Some(Int(0))),
            ("9223372036854775807", Some(Int(i64::MAX))),
            ("9223372036854775808", Some(Float(9.223372036854776e18))),
            ("-9223372036854775808", Some(Int(i64::MIN))),
            ("-9223372036854775809", Some(Float(-9.223372036854776e18))),
            ("1e2", Some(Float(100.0))),
            ("1E+2", Some(Float(100.0))),
            (".5", Some(Float(0.5))),
            ("5.", Some(Float(5.0))),
            ("-.5e-1", Some(Float(-0.05))),
            ("0x1p4", Some(Float(16.0))),
            ("0x.8", Some(Float(0.5))),
            ("0x1.8", Some(Float(1.5))),
            ("0xA.8p1", Some(Float(21.0))),
            ("0x1P-2", Some(Float(0.25))),
            ("1.", Some(Float(1.0))),
            ("", None),
            ("  ", None),
            (".", None),
            ("-", None),
            ("0x", None),
            ("0x.", None),
            ("0xp1", None),
            ("1e", None),
            ("1e+", None),
            ("inf", None),
            ("nan", None),
            ("-inf", None),
            ("infinity", None),
            ("1 2", None),
            ("1\0", None),
            ("12a", None),
            ("0x1p", None),
            ("--1", None),
            ("+-1", None),
            ("1..2", None),
            ("0x1.8.1", None),
            ("e5", None),
        ];
        for (text, expected) in cases {
            assert_eq!(str_to_number(text.as_bytes()), *expected, "{text:?}");
        }
        assert_eq!(str_to_number(b"1e400"), Some(Float(f64::INFINITY)));
        assert_eq!(str_to_number(b"0x1p-1074"), Some(Float(5e-324)));
        assert_eq!(str_to_number(b"0x1p-1075"), Some(Float(0.0)));
        assert_eq!(str_to_number(b"0x1.8p-1075"), Some(Float(5e-324)));
        assert_eq!(str_to_number(b"0x1p1024"), Some(Float(f64::INFINITY)));
        assert_eq!(str_to_number(b"0x1.fffffffffffff8p0"), Some(Float(2.0)));
        assert_eq!(
            str_to_number(b"0x1.fffffffffffff7p0"),
            Some(Float(1.9999999999999998))
        );
        assert_eq!(
            str_to_number(b"0x123456789abcdef0123p0"),
            Some(Float(5.373003642731685e21))
        );
        assert_eq!(
            str_to_number(b"0x123456789abcdef01238p-4"),
            Some(Float(5.373003642731685e21))
        );
        assert_eq!(
            str_to_number(b"0x.0000000000001p-1022"),
            Some(Float(5e-324))
        );
        assert_eq!(
            str_to_number(b"0x1p-1022"),
            Some(Float(2.2250738585072014e-308))
        );
        assert_eq!(
            str_to_number(b"0x0.fffffffffffff8p-1022"),
            Some(Float(2.2250738585072014e-308))
        );
    }

    #[test]
    fn numerals_in_other_bases() {
        assert_eq!(str_to_int_base(b"ff", 16), Some(255));
        assert_eq!(str_to_int_base(b"  FF  ", 16), Some(255));
        assert_eq!(str_to_int_base(b"-101", 2), Some(-5));
        assert_eq!(str_to_int_base(b"zz", 36), Some(1295));
        assert_eq!(str_to_int_base(b"8", 8), None);
        assert_eq!(str_to_int_base(b"", 10), None);
        assert_eq!(str_to_int_base(b"-", 10), None);
        assert_eq!(str_to_int_base(b"1.0", 10), None);
        assert_eq!(str_to_int_base(b"0x10", 16), None);
        assert_eq!(str_to_int_base(b"10", 1), None);
        assert_eq!(str_to_int_base(b"10", 37), None);
        // Wraps modulo 2^64 like PUC.
        assert_eq!(str_to_int_base(b"ffffffffffffffff", 16), Some(-1));
        assert_eq!(str_to_int_base(b"18446744073709551617", 10), Some(1));
    }

    #[test]
    fn float_to_int_is_exact() {
        assert_eq!(float_to_int(3.0), Some(3));
        assert_eq!(float_to_int(-0.0), Some(0));
        assert_eq!(float_to_int(3.5), None);
        assert_eq!(float_to_int(f64::NAN), None);
        assert_eq!(float_to_int(f64::INFINITY), None);
        assert_eq!(float_to_int(-9.223372036854776e18), Some(i64::MIN));
        assert_eq!(float_to_int(9.223372036854776e18), None);
        assert_eq!(float_floor_to_int(3.7), Some(3));
        assert_eq!(float_floor_to_int(-3.2), Some(-4));
        assert_eq!(float_ceil_to_int(3.2), Some(4));
        assert_eq!(float_ceil_to_int(-3.7), Some(-3));
        assert_eq!(float_ceil_to_int(9.3e18), None);
    }

    #[test]
    fn integer_division_and_modulo() {
        assert_eq!(int_idiv(7, 2), Ok(3));
        assert_eq!(int_idiv(-7, 2), Ok(-4));
        assert_eq!(int_idiv(7, -2), Ok(-4));
        assert_eq!(int_idiv(-7, -2), Ok(3));
        assert_eq!(int_idiv(6, -2), Ok(-3));
        assert_eq!(int_idiv(i64::MIN, -1), Ok(i64::MIN));
        assert_eq!(int_idiv(1, 0), Err(ArithError::DivideByZero));
        assert_eq!(int_mod(7, 3), Ok(1));
        assert_eq!(int_mod(-7, 3), Ok(2));
        assert_eq!(int_mod(7, -3), Ok(-2));
        assert_eq!(int_mod(-7, -3), Ok(-1));
        assert_eq!(int_mod(6, -3), Ok(0));
        assert_eq!(int_mod(i64::MIN, -1), Ok(0));
        assert_eq!(int_mod(i64::MIN, i64::MAX), Ok(i64::MAX - 1));
        assert_eq!(int_mod(1, 0), Err(ArithError::ModuloByZero));
        // lua5.4 -e 'print(pcall(function() return 1 // 0 end))', and `1 % 0`
        assert_eq!(
            ArithError::DivideByZero.message(),
            "attempt to divide by zero"
        );
        assert_eq!(
            ArithError::ModuloByZero.message(),
            "attempt to perform 'n%0'"
        );
    }

    #[test]
    fn float_division_and_modulo() {
        assert_eq!(float_idiv(7.0, 2.0), 3.0);
        assert_eq!(float_idiv(-7.0, 2.0), -4.0);
        assert_eq!(float_idiv(1.0, 0.0), f64::INFINITY);
        assert_eq!(float_idiv(-1.0, 0.0), f64::NEG_INFINITY);
        assert!(float_idiv(0.0, 0.0).is_nan());
        assert_eq!(float_mod(5.5, 2.0), 1.5);
        assert_eq!(float_mod(-5.5, 2.0), 0.5);
        assert_eq!(float_mod(5.5, -2.0), -0.5);
        assert_eq!(float_mod(-5.5, -2.0), -1.5);
        // lua5.4: 5.5 % math.huge == 5.5, -5.5 % math.huge == math.huge
        assert_eq!(float_mod(5.5, f64::INFINITY), 5.5);
        assert_eq!(float_mod(-5.5, f64::INFINITY), f64::INFINITY);
        assert_eq!(float_mod(5.5, f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(float_mod(-5.5, f64::NEG_INFINITY), -5.5);
        assert!(float_mod(f64::INFINITY, 2.0).is_nan());
        assert!(float_mod(1.0, 0.0).is_nan());
        assert!(float_mod(-0.0, 2.0).is_sign_negative());
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert_eq!(pow(3.0, 2.0), 9.0);
        assert_eq!(pow(4.0, 0.5), 2.0);
    }

    #[test]
    fn shifts() {
        assert_eq!(shift_left(1, 4), 16);
        assert_eq!(shift_left(1, 63), i64::MIN);
        assert_eq!(shift_left(1, 64), 0);
        assert_eq!(shift_left(-1, -1), i64::MAX);
        assert_eq!(shift_left(16, -4), 1);
        assert_eq!(shift_left(5, -64), 0);
        assert_eq!(shift_left(5, i64::MIN), 0);
        assert_eq!(shift_left(5, i64::MAX), 0);
        assert_eq!(shift_right(-1, 1), i64::MAX);
        assert_eq!(shift_right(-1, 63), 1);
        assert_eq!(shift_right(-1, 64), 0);
        assert_eq!(shift_right(1, -3), 8);
        assert_eq!(shift_right(1, i64::MIN), 0);
        assert_eq!(shift_right(1, i64::MAX), 0);
    }

    #[test]
    fn mixed_comparisons_are_exact() {
        let big = i64::MAX; // not representable as a float
        let two63 = 9.223372036854776e18;
        assert!(lt_int_float(big, two63));
        assert!(!lt_float_int(two63, big));
        assert!(le_int_float(big, two63));
        assert!(!le_float_int(two63, big));
        assert!(!eq_int_float(big, two63));
        assert!(eq_int_float(i64::MIN, -two63));
        assert!(le_int_float(i64::MIN, -two63));
        assert!(!lt_int_float(i64::MIN, -two63));
        // 2^53 + 1 vs 2^53 as a float.
        let i = (1i64 << 53) + 1;
        let f = (1i64 << 53) as f64;
        assert!(!lt_int_float(i, f));
        assert!(lt_float_int(f, i));
        assert!(le_float_int(f, i));
        assert!(!le_int_float(i, f));
        assert!(!eq_int_float(i, f));
        assert!(lt_int_float(3, 3.5));
        assert!(!lt_int_float(4, 3.5));
        assert!(lt_float_int(3.5, 4));
        assert!(le_float_int(4.0, 4));
        assert!(!lt_int_float(1, f64::NAN));
        assert!(!le_int_float(big, f64::NAN));
        assert!(!lt_float_int(f64::NAN, big));
        assert!(!le_float_int(f64::NAN, 1));
        assert!(lt_int_float(big, f64::INFINITY));
        assert!(lt_float_int(f64::NEG_INFINITY, i64::MIN));
        assert!(num_lt(Number::Int(1), Number::Float(1.5)));
        assert!(num_le(Number::Float(1.0), Number::Int(1)));
        assert!(num_eq(Number::Float(1.0), Number::Int(1)));
        assert!(!num_eq(Number::Float(f64::NAN), Number::Float(f64::NAN)));
    }
}
