//! `string.find` and `string.match`: the first match of a pattern from an
//! initial position.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::matcher::{Matcher, step_budget};
use super::push_captures;
use crate::args::{check_string, opt_integer};
use crate::results::{return_one, return_values};
use crate::string::positions::start_position;

/// The bytes that make a pattern more than a plain string (PUC's
/// `SPECIALS`).
const SPECIALS: &[u8] = b"^$*+?.([%-";

/// Whether `pattern` can be searched for as a plain string.
fn has_no_specials(pattern: &[u8]) -> bool {
    !pattern.iter().any(|byte| SPECIALS.contains(byte))
}

/// Where `needle` first occurs in `haystack`.
pub fn find_plain(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let last_start = haystack.len().checked_sub(needle.len())?;
    let mut from = 0;
    while from <= last_start {
        let found = from + find_byte(&haystack[from..=last_start], first)?;
        if haystack[found + 1..found + needle.len()] == *rest {
            return Some(found);
        }
        from = found + 1;
    }
    None
}

/// Where `byte` first occurs in `haystack`, looking at eight bytes at a
/// time (PUC's plain search uses the C library's `memchr`).
fn find_byte(haystack: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let repeated = ONES * u64::from(byte);
    let (words, tail) = haystack.as_chunks::<8>();
    for (index, word) in words.iter().enumerate() {
        // Bytes equal to `byte` become zero; a zero byte sets its high bit
        // in `(x - ONES) & !x`.
        let x = u64::from_le_bytes(*word) ^ repeated;
        if x.wrapping_sub(ONES) & !x & HIGH_BITS != 0 {
            return word.iter().position(|&b| b == byte).map(|i| index * 8 + i);
        }
    }
    let tail_start = words.len() * 8;
    tail.iter().position(|&b| b == byte).map(|i| tail_start + i)
}

/// Splits a leading `^` off a pattern: whether it was there, and the rest.
pub fn split_anchor(pattern: &[u8]) -> (bool, &[u8]) {
    match pattern.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pattern),
    }
}

/// `string.find(s, pattern [, init [, plain]])`: the start and end of the
/// first match, then its captures.
pub fn find<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    search(ctx, call, true)
}

/// `string.match(s, pattern [, init])`: the captures of the first match
/// (the whole match when it has none).
pub fn match_<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    search(ctx, call, false)
}

/// `find` and `match` (PUC's `str_find_aux`).
fn search<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    is_find: bool,
) -> Result<Action<'gc>, Error<'gc>> {
    let subject = check_string(ctx, call, 1)?.as_bytes();
    let pattern = check_string(ctx, call, 2)?.as_bytes();
    let init = start_position(opt_integer(ctx, call, 3, 1)?, subject.len()) - 1;
    if init > subject.len() {
        return return_one(call, Value::Nil);
    }
    if is_find && (!call.get(3).is_falsy() || has_no_specials(pattern)) {
        return match find_plain(&subject[init..], pattern) {
            Some(offset) => {
                let start = init + offset;
                let positions = [start + 1, start + pattern.len()];
                return_values(call, positions.map(|p| Value::Integer(p as i64)))
            }
            None => return_one(call, Value::Nil),
        };
    }
    let (anchored, pattern) = split_anchor(pattern);
    let mut matcher = Matcher::new(subject, pattern, step_budget(subject.len()));
    let mut start = init;
    loop {
        if let Some(end) = matcher.match_at(start)? {
            call.clear();
            if is_find {
                call.extend([start + 1, end].map(|p| Value::Integer(p as i64)))?;
            }
            push_captures(ctx, call, &matcher, !is_find, start, end)?;
            return Ok(Action::Return(call.len()));
        }
        if anchored || start >= subject.len() {
            return return_one(call, Value::Nil);
        }
        start += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_search() {
        assert_eq!(find_plain(b"hello", b""), Some(0));
        assert_eq!(find_plain(b"hello", b"llo"), Some(2));
        assert_eq!(find_plain(b"hello", b"lo!"), None);
        assert_eq!(find_plain(b"aab", b"ab"), Some(1));
        assert_eq!(find_plain(b"ab", b"abc"), None);
        assert_eq!(find_plain(b"", b""), Some(0));
    }

    #[test]
    fn byte_search() {
        let haystack: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for byte in 0..=255u8 {
            for start in [0, 1, 7, 8, 9, 100] {
                let expected = haystack[start..].iter().position(|&b| b == byte);
                assert_eq!(find_byte(&haystack[start..], byte), expected);
            }
        }
        assert_eq!(find_byte(b"", 0), None);
        assert_eq!(find_byte(b"\x80\x81abcdefgh\x01", 1), Some(10));
    }

    #[test]
    fn specials() {
        assert!(has_no_specials(b"abc\0def"));
        assert!(!has_no_specials(b"a\0.b"));
    }
}
