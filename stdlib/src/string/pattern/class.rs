//! The single-character items of a pattern: `.`, a literal byte, a class
//! such as `%a`, or a set such as `[^%d_a-f]`.
//!
//! Pattern bytes are read through [`byte_at`], which answers `0` past the
//! end, because PUC reads the C string's terminating NUL there; several
//! corner cases (a trailing `%`, `%f` at the end, `[` without `]`) behave
//! as they do in PUC only because of that.

use super::PatternError;

/// The escape character of patterns.
pub const ESCAPE: u8 = b'%';

/// Byte `i` of `bytes`, or `0` past the end.
#[inline]
pub fn byte_at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// Where the single-character item starting at `p` ends (the index of its
/// optional quantifier). Errors for a trailing `%` or a set without `]`.
pub fn item_end(pattern: &[u8], p: usize) -> Result<usize, PatternError> {
    let first = pattern[p];
    let mut p = p + 1;
    match first {
        ESCAPE => {
            if p >= pattern.len() {
                return Err(PatternError::EndsWithEscape);
            }
            Ok(p + 1)
        }
        b'[' => {
            if byte_at(pattern, p) == b'^' {
                p += 1;
            }
            // The first byte of a set is never its closing bracket, so
            // `[]]` and `[^]]` are sets holding `]`.
            loop {
                if p >= pattern.len() {
                    return Err(PatternError::MissingBracket);
                }
                let byte = pattern[p];
                p += 1;
                if byte == ESCAPE && p < pattern.len() {
                    p += 1;
                }
                if byte_at(pattern, p) == b']' {
                    return Ok(p + 1);
                }
            }
        }
        _ => Ok(p),
    }
}

/// Whether `c` belongs to class `%class` (C locale). A lower-case class
/// letter names the class, its upper-case form the complement; any other
/// byte stands for itself (`%.` is a dot).
#[inline]
pub fn class_matches(c: u8, class: u8) -> bool {
    let in_class = match class.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => c.is_ascii_whitespace() || c == 0x0b,
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        // `%z` (the NUL byte) is deprecated but still understood.
        b'z' => c == 0,
        _ => return class == c,
    };
    in_class == class.is_ascii_lowercase()
}

/// Whether `c` belongs to the set whose `[` is at `open` and whose closing
/// `]` is at `close` (as found by [`item_end`]).
pub fn set_matches(c: u8, pattern: &[u8], open: usize, close: usize) -> bool {
    let mut p = open + 1;
    let member = if byte_at(pattern, p) == b'^' {
        p += 1;
        false
    } else {
        true
    };
    while p < close {
        let byte = pattern[p];
        if byte == ESCAPE {
            p += 1;
            if class_matches(c, byte_at(pattern, p)) {
                return member;
            }
        } else if byte_at(pattern, p + 1) == b'-' && p + 2 < close {
            if byte <= c && c <= pattern[p + 2] {
                return member;
            }
            p += 2;
        } else if byte == c {
            return member;
        }
        p += 1;
    }
    !member
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_c_locale() {
        let members = |class: u8| (0..=255u8).filter(|&c| class_matches(c, class)).count();
        assert_eq!(members(b'a'), 52);
        assert_eq!(members(b'c'), 33);
        assert_eq!(members(b'd'), 10);
        assert_eq!(members(b'g'), 94);
        assert_eq!(members(b'p'), 32);
        assert_eq!(members(b's'), 6);
        assert_eq!(members(b'w'), 62);
        assert_eq!(members(b'x'), 22);
        assert_eq!(members(b'S'), 250);
        assert!(class_matches(b'.', b'.'));
        assert!(!class_matches(b'B', b'b') && class_matches(b'B', b'B'));
    }

    #[test]
    fn item_ends() {
        assert_eq!(item_end(b"a*", 0), Ok(1));
        assert_eq!(item_end(b"%a+", 0), Ok(2));
        assert_eq!(item_end(b"[]]x", 0), Ok(3));
        assert_eq!(item_end(b"[^%]]", 0), Ok(5));
        assert_eq!(item_end(b"%", 0), Err(PatternError::EndsWithEscape));
        assert_eq!(item_end(b"[a%", 0), Err(PatternError::MissingBracket));
        assert_eq!(item_end(b"[^]", 0), Err(PatternError::MissingBracket));
    }

    #[test]
    fn sets() {
        let p = b"[^a-c%d.]";
        let close = p.len() - 1;
        assert!(!set_matches(b'b', p, 0, close));
        assert!(!set_matches(b'7', p, 0, close));
        assert!(!set_matches(b'.', p, 0, close));
        assert!(set_matches(b'x', p, 0, close));
        // A '-' at either end is literal.
        let p = b"[-a-]";
        assert!(set_matches(b'-', p, 0, 4) && set_matches(b'a', p, 0, 4));
    }
}
