//! Conversion specifications of `string.format` (`%-8.3f`): reading one
//! from the format string, and checking it against what its conversion
//! accepts, with PUC Lua's limits and messages.
//!
//! PUC reads a specification in two steps, and the order of its errors
//! depends on that: first it spans every byte that may appear in any
//! specification (flags, digits, `.`) and takes the next byte as the
//! conversion ("invalid format (too long)" when the span is too long);
//! then each conversion checks the span against its own flags, a width
//! and precision of at most two digits each, and whether it takes a
//! precision at all ("invalid conversion specification: '%...'").

use saturn_vm::executor::Error;
use saturn_vm::number::FormatFlags;

/// Flags of `a A e E f g G` (PUC's `L_FMTFLAGSF`).
pub const FLOAT_FLAGS: &[u8] = b"-+#0 ";
/// Flags of `o x X`.
pub const RADIX_FLAGS: &[u8] = b"-#0";
/// Flags of `d i`.
pub const SIGNED_FLAGS: &[u8] = b"-+0 ";
/// Flags of `u`.
pub const UNSIGNED_FLAGS: &[u8] = b"-0";
/// Flags of `c p s`.
pub const TEXT_FLAGS: &[u8] = b"-";

/// The longest span of flags, digits and points PUC accepts before the
/// conversion (its `MAX_FORMAT` buffer, less room for the rest).
const MAX_MODIFIERS: usize = 20;

/// A specification as written, before any check.
#[derive(Clone, Copy, Debug)]
pub struct Spec<'a> {
    /// The flags, width and precision: the bytes between `%` and the
    /// conversion.
    pub modifiers: &'a [u8],
    /// The conversion byte; 0 when the format ends first.
    pub conversion: u8,
    /// Where the format goes on after this specification.
    pub end: usize,
}

/// What a checked specification asks for: the flags and width, and the
/// precision if one was given (`%.f` gives 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub flags: FormatFlags,
    pub precision: Option<usize>,
}

/// Whether `b` may appear between `%` and the conversion.
fn is_modifier(b: u8) -> bool {
    FLOAT_FLAGS.contains(&b) || b.is_ascii_digit() || b == b'.'
}

/// Reads the specification starting at `start`, just after its `%`.
pub fn read<'gc>(format: &[u8], start: usize) -> Result<Spec<'_>, Error<'gc>> {
    let rest = &format[start.min(format.len())..];
    let span = rest.iter().take_while(|&&b| is_modifier(b)).count();
    if span > MAX_MODIFIERS {
        return Err(Error::runtime("invalid format (too long)"));
    }
    // Past the end is the string's terminating zero, as in C.
    let conversion = rest.get(span).copied().unwrap_or(0);
    Ok(Spec {
        modifiers: &rest[..span],
        conversion,
        end: start + span + 1,
    })
}

impl Spec<'_> {
    /// The specification as PUC quotes it in messages: up to the
    /// conversion, or up to where the format (a C string there) ended.
    pub fn text(&self) -> Vec<u8> {
        let mut text = Vec::with_capacity(self.modifiers.len() + 2);
        text.push(b'%');
        text.extend_from_slice(self.modifiers);
        if self.conversion != 0 {
            text.push(self.conversion);
        }
        text
    }

    /// "invalid conversion '%...' to 'format'": no such conversion.
    pub fn unknown_conversion<'gc>(&self) -> Error<'gc> {
        let mut message = b"invalid conversion '".to_vec();
        message.extend_from_slice(&self.text());
        message.extend_from_slice(b"' to 'format'");
        Error::runtime(message)
    }

    /// Checks the modifiers against a conversion accepting `flags` (in any
    /// order and number), then an optional width of up to two digits not
    /// starting with 0, then, if `takes_precision`, an optional `.` and up
    /// to two digits.
    pub fn check<'gc>(&self, flags: &[u8], takes_precision: bool) -> Result<Layout, Error<'gc>> {
        let m = self.modifiers;
        let mut i = m.iter().take_while(|b| flags.contains(b)).count();
        if m.get(i) != Some(&b'0') {
            i += two_digits(&m[i..]);
            if takes_precision && m.get(i) == Some(&b'.') {
                i += 1;
                i += two_digits(&m[i..]);
            }
        }
        if i != m.len() {
            let mut message = b"invalid conversion specification: '".to_vec();
            message.extend_from_slice(&self.text());
            message.push(b'\'');
            return Err(Error::runtime(message));
        }
        Ok(self.layout())
    }

    /// The layout of modifiers already checked.
    fn layout(&self) -> Layout {
        let mut layout = Layout::default();
        let mut bytes = self.modifiers.iter().copied().peekable();
        while let Some(flag) = bytes.next_if(|b| FLOAT_FLAGS.contains(b)) {
            match flag {
                b'-' => layout.flags.left = true,
                b'+' => layout.flags.plus = true,
                b' ' => layout.flags.space = true,
                b'#' => layout.flags.alternate = true,
                _ => layout.flags.zero = true,
            }
        }
        while let Some(digit) = bytes.next_if(u8::is_ascii_digit) {
            layout.flags.width = layout.flags.width * 10 + usize::from(digit - b'0');
        }
        if bytes.next_if_eq(&b'.').is_some() {
            let mut precision = 0;
            while let Some(digit) = bytes.next_if(u8::is_ascii_digit) {
                precision = precision * 10 + usize::from(digit - b'0');
            }
            layout.precision = Some(precision);
        }
        layout
    }
}

/// How many of the first two bytes of `bytes` are digits, counting from
/// the first (PUC's `get2digits`).
fn two_digits(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_digit())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(spec: &str, flags: &[u8], precision: bool) -> Option<Layout> {
        let format = spec.as_bytes();
        let spec = read(format, 1).ok()?;
        spec.check(flags, precision).ok()
    }

    #[test]
    fn specifications_are_read_up_to_the_conversion() {
        let spec = read(b"%-5.2fx", 1).unwrap();
        assert_eq!(
            (spec.modifiers, spec.conversion, spec.end),
            (&b"-5.2"[..], b'f', 6)
        );
        let spec = read(b"%10", 1).unwrap();
        assert_eq!((spec.conversion, spec.text()), (0, b"%10".to_vec()));
        assert!(read(b"%---------------------d", 1).is_err());
        assert!(read(b"%--------------------d", 1).is_ok());
    }

    #[test]
    fn checks_follow_each_conversions_rules() {
        let layout = checked("%-+ #08.3g", FLOAT_FLAGS, true).unwrap();
        assert!(layout.flags.left && layout.flags.plus && layout.flags.space);
        assert!(layout.flags.alternate && layout.flags.zero);
        assert_eq!((layout.flags.width, layout.precision), (8, Some(3)));
        assert_eq!(
            checked("%.d", SIGNED_FLAGS, true).unwrap().precision,
            Some(0)
        );
        assert_eq!(checked("%00d", SIGNED_FLAGS, true).unwrap().flags.width, 0);
        assert!(checked("%100d", SIGNED_FLAGS, true).is_none());
        assert!(checked("%1.100d", SIGNED_FLAGS, true).is_none());
        assert!(checked("%#d", SIGNED_FLAGS, true).is_none());
        assert!(checked("%05c", TEXT_FLAGS, false).is_none());
        assert!(checked("%.3c", TEXT_FLAGS, false).is_none());
        assert!(checked("%5.5.5d", SIGNED_FLAGS, true).is_none());
        assert_eq!(checked("%-12c", TEXT_FLAGS, false).unwrap().flags.width, 12);
    }
}
