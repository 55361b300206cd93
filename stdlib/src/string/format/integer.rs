//! The integer conversions of `string.format`: `%d %i` (signed decimal),
//! `%u` (the integer's 64 bits read as unsigned), `%o %x %X` (octal and
//! hexadecimal of those bits), with C's rules for the precision (a minimum
//! number of digits; `%.0d` of 0 is empty), `#` (`0` or `0x` in front) and
//! the `0` flag (ignored when a precision is given).

use super::field::push_field;
use super::spec::Layout;

/// The most digits a conversion writes: 99 of precision, or 22 octal
/// digits of 64 bits.
const MAX_DIGITS: usize = 99;

/// Appends `n` converted with `conversion` (one of `d i u o x X`).
pub fn push_integer(out: &mut Vec<u8>, n: i64, conversion: u8, layout: Layout) {
    let flags = layout.flags;
    let (magnitude, negative) = match conversion {
        b'd' | b'i' => (n.unsigned_abs(), n < 0),
        _ => (n as u64, false),
    };
    let radix = match conversion {
        b'o' => 8,
        b'x' | b'X' => 16,
        _ => 10,
    };
    let mut digits = [0u8; MAX_DIGITS + 1];
    let mut start = digits.len();
    let mut rest = magnitude;
    // `%.0d` of 0 has no digits at all.
    if magnitude != 0 || layout.precision != Some(0) {
        loop {
            let digit = (rest % radix) as u8;
            start -= 1;
            digits[start] = match digit {
                0..=9 => b'0' + digit,
                _ if conversion == b'X' => b'A' + digit - 10,
                _ => b'a' + digit - 10,
            };
            rest /= radix;
            if rest == 0 {
                break;
            }
        }
    }
    let minimum = layout.precision.unwrap_or(0).min(MAX_DIGITS);
    while digits.len() - start < minimum {
        start -= 1;
        digits[start] = b'0';
    }
    if flags.alternate && radix == 8 && digits.get(start) != Some(&b'0') {
        start -= 1;
        digits[start] = b'0';
    }
    let prefix: &[u8] = if negative {
        b"-"
    } else if flags.plus {
        b"+"
    } else if flags.space {
        b" "
    } else if flags.alternate && radix == 16 && magnitude != 0 {
        if conversion == b'X' { b"0X" } else { b"0x" }
    } else {
        b""
    };
    push_field(
        out,
        prefix,
        &digits[start..],
        flags,
        layout.precision.is_none(),
    );
}

/// Appends the byte of `%c`: the low byte of the integer, padded with
/// spaces.
pub fn push_char(out: &mut Vec<u8>, n: i64, layout: Layout) {
    push_field(out, b"", &[n as u8], layout.flags, false);
}

#[cfg(test)]
mod tests {
    use super::super::spec::{RADIX_FLAGS, SIGNED_FLAGS, UNSIGNED_FLAGS, read};
    use super::*;

    fn format(spec: &str, n: i64) -> String {
        let parsed = read(spec.as_bytes(), 1).unwrap();
        let flags = match parsed.conversion {
            b'd' | b'i' => SIGNED_FLAGS,
            b'u' => UNSIGNED_FLAGS,
            _ => RADIX_FLAGS,
        };
        let layout = parsed.check(flags, true).unwrap();
        let mut out = Vec::new();
        push_integer(&mut out, n, parsed.conversion, layout);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn integers_format_as_glibc() {
        // lua5.4 -e 'print(string.format(spec, n))'
        let cases = [
            ("%d", 0, "0"),
            ("%d", i64::MIN, "-9223372036854775808"),
            ("%+d", 5, "+5"),
            ("% d", 5, " 5"),
            ("%+08d", -30927, "-0030927"),
            ("%013i", -100, "-000000000100"),
            ("%2.5d", -100, "-00100"),
            ("%05.0d", 12, "   12"),
            ("%.0d", 0, ""),
            ("%5.0d", 0, "     "),
            ("%-6d", 42, "42    "),
            ("%u", -1, "18446744073709551615"),
            ("%.u", 0, ""),
            ("%x", -1, "ffffffffffffffff"),
            ("%X", 255, "FF"),
            ("%#x", 0, "0"),
            ("%#10x", 100, "      0x64"),
            ("%#-17X", 100, "0X64             "),
            ("%#010x", 255, "0x000000ff"),
            ("%o", 0xABCD, "125715"),
            ("%#o", 8, "010"),
            ("%#o", 0, "0"),
            ("%#.0o", 0, "0"),
            ("%#.3o", 8, "010"),
            ("%#12o", 10, "         012"),
            ("%.99d", 1, &format!("{:0>99}", 1)),
        ];
        for (spec, n, expected) in cases {
            assert_eq!(format(spec, n), expected, "{spec} {n}");
        }
    }
}
