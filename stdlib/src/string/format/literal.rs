//! `%q`: a value written as Lua source that reads back as the same value.
//!
//! Strings are quoted with `"`, `\` and newlines escaped by a backslash and
//! other control bytes as decimal escapes (three digits when a digit
//! follows, so `"\0" .. "1"` does not become `"\01"`); integers are
//! decimal, except the smallest, whose decimal numeral would read back as
//! a float; floats are hexadecimal (exact, and a float when read back),
//! with `1e9999`, `-1e9999` and `(0/0)` for the infinities and NaN.

use saturn_vm::number::{FormatFlags, push_formatted_float, push_int};
use saturn_vm::value::Value;

/// Appends the literal form of `value`; `false` (and nothing appended) for
/// values that have none (tables, functions, ...).
pub fn push_literal(out: &mut Vec<u8>, value: Value<'_>) -> bool {
    match value {
        Value::String(s) => push_quoted(out, s.as_bytes()),
        Value::Integer(i64::MIN) => out.extend_from_slice(b"0x8000000000000000"),
        Value::Integer(i) => push_int(out, i),
        Value::Number(n) => push_float_literal(out, n),
        Value::Nil => out.extend_from_slice(b"nil"),
        Value::Boolean(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
        _ => return false,
    }
    true
}

/// A string between double quotes, escaped.
fn push_quoted(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(|&b| needs_escape(b)) {
        out.extend_from_slice(&rest[..at]);
        let b = rest[at];
        out.push(b'\\');
        if matches!(b, b'"' | b'\\' | b'\n') {
            out.push(b);
        } else if rest.get(at + 1).is_some_and(u8::is_ascii_digit) {
            out.extend_from_slice(&[b'0' + b / 100, b'0' + b / 10 % 10, b'0' + b % 10]);
        } else {
            push_int(out, i64::from(b));
        }
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Whether `%q` escapes `b`: quotes, backslashes, newlines (as `\` and
/// themselves) and the other control bytes of C's `iscntrl`, 0 to 31 and
/// 127 (in decimal).
fn needs_escape(b: u8) -> bool {
    matches!(b, b'"' | b'\\' | 0..=31 | 127)
}

/// A float as a numeral that reads back as exactly this float.
fn push_float_literal(out: &mut Vec<u8>, n: f64) {
    if n == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if n == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else if n.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else {
        push_formatted_float(out, n, b'a', None, FormatFlags::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        push_quoted(&mut out, bytes);
        out
    }

    fn float(n: f64) -> String {
        let mut out = Vec::new();
        push_float_literal(&mut out, n);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_puc_does() {
        assert_eq!(quoted(b"a\0b"), b"\"a\\0b\"");
        assert_eq!(quoted(b"\x001"), b"\"\\0001\"");
        assert_eq!(
            quoted(b"\r\n\"\\\x7f\x80\t"),
            b"\"\\13\\\n\\\"\\\\\\127\x80\\9\""
        );
        assert_eq!(quoted(b"\x1f9"), b"\"\\0319\"");
    }

    #[test]
    fn floats_read_back_exactly() {
        assert_eq!(float(1.0), "0x1p+0");
        assert_eq!(float(-0.0), "-0x0p+0");
        assert_eq!(float(0.1), "0x1.999999999999ap-4");
        assert_eq!(float(f64::INFINITY), "1e9999");
        assert_eq!(float(f64::NEG_INFINITY), "-1e9999");
        assert_eq!(float(f64::NAN), "(0/0)");
    }
}
