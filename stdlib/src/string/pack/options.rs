//! The format language shared by `string.pack`, `string.packsize` and
//! `string.unpack`: a sequence of options, each read with its size and the
//! padding that aligns it, with PUC Lua's sizes for the C types of a
//! 64-bit machine (`int` 4, `long` and `size_t` 8, native alignment 8).
//!
//! The format is a C string there: it ends at its first zero byte.

/// The largest size of an integer option (`i16`).
pub const MAX_INT_SIZE: usize = 16;

/// The native maximum alignment (`!` without a size).
const NATIVE_ALIGN: usize = 8;

/// Whether this machine is little-endian (`=`, and the default).
const NATIVE_LITTLE: bool = cfg!(target_endian = "little");

/// The largest numeral an option reads: digits stop being read once the
/// value passes this, as in PUC's `getnum` (they begin the next option).
const NUMERAL_LIMIT: usize = (i32::MAX as usize - 9) / 10;

/// What an option packs or unpacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A signed integer (`b h l j i[n]`).
    Int,
    /// An unsigned integer (`B H L J T I[n]`).
    Uint,
    /// A C float (`f`).
    Float,
    /// A Lua float (`n`).
    Number,
    /// A C double (`d`).
    Double,
    /// A string of exactly `size` bytes (`c[n]`).
    Char,
    /// A string preceded by its length on `size` bytes (`s[n]`).
    String,
    /// A zero-terminated string (`z`).
    ZString,
    /// One zero byte (`x`).
    Padding,
    /// Padding up to the alignment of the next option (`X`).
    Align,
    /// Settings and spaces (`< > = ! ' '`).
    Nop,
}

/// One option, read in the context of what precedes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// Bytes of the item itself (of the length, for `s`).
    pub size: usize,
    /// Zero bytes that align it, before it.
    pub padding: usize,
    /// Byte order of integers and floats.
    pub little: bool,
}

/// A bad format, in one of the two ways PUC reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// A plain error (`luaL_error`).
    Message(Vec<u8>),
    /// An error about argument 1, the format (`luaL_argerror`).
    BadFormat(&'static str),
}

/// The options of a format, read one at a time.
pub struct Options<'a> {
    format: &'a [u8],
    pos: usize,
    little: bool,
    max_align: usize,
}

impl<'a> Options<'a> {
    pub fn new(format: &'a [u8]) -> Self {
        let end = format.iter().position(|&b| b == 0).unwrap_or(format.len());
        Options {
            format: &format[..end],
            pos: 0,
            little: NATIVE_LITTLE,
            max_align: 1,
        }
    }

    /// The next option, aligned for an item starting at byte `offset` of
    /// the packed data; `None` at the end of the format.
    pub fn next_at(&mut self, offset: usize) -> Option<Result<Item, FormatError>> {
        (self.pos < self.format.len()).then(|| self.item_at(offset))
    }

    fn item_at(&mut self, offset: usize) -> Result<Item, FormatError> {
        let (kind, size) = self.option()?;
        let mut align = size;
        if kind == Kind::Align {
            // `X` takes the alignment of the option after it, which it
            // consumes; that option must have a size and not be `c`.
            let invalid = FormatError::BadFormat("invalid next option for option 'X'");
            if self.pos >= self.format.len() {
                return Err(invalid);
            }
            let (next_kind, next_size) = self.option()?;
            if next_kind == Kind::Char || next_size == 0 {
                return Err(invalid);
            }
            align = next_size;
        }
        let padding = if align <= 1 || kind == Kind::Char {
            0
        } else {
            let align = align.min(self.max_align);
            if !align.is_power_of_two() {
                return Err(FormatError::BadFormat(
                    "format asks for alignment not power of 2",
                ));
            }
            (align - (offset & (align - 1))) & (align - 1)
        };
        Ok(Item {
            kind,
            size,
            padding,
            little: self.little,
        })
    }

    /// Reads one option letter and its numeral: its kind and size.
    fn option(&mut self) -> Result<(Kind, usize), FormatError> {
        let Some(&letter) = self.format.get(self.pos) else {
            return Ok((Kind::Nop, 0));
        };
        self.pos += 1;
        let option = match letter {
            b'b' => (Kind::Int, 1),
            b'B' => (Kind::Uint, 1),
            b'h' => (Kind::Int, 2),
            b'H' => (Kind::Uint, 2),
            b'l' | b'j' => (Kind::Int, 8),
            b'L' | b'J' | b'T' => (Kind::Uint, 8),
            b'f' => (Kind::Float, 4),
            b'n' => (Kind::Number, 8),
            b'd' => (Kind::Double, 8),
            b'i' => (Kind::Int, self.int_size(4)?),
            b'I' => (Kind::Uint, self.int_size(4)?),
            b's' => (Kind::String, self.int_size(8)?),
            b'c' => match self.numeral() {
                Some(size) => (Kind::Char, size),
                None => {
                    return Err(FormatError::Message(
                        b"missing size for format option 'c'".to_vec(),
                    ));
                }
            },
            b'z' => (Kind::ZString, 0),
            b'x' => (Kind::Padding, 1),
            b'X' => (Kind::Align, 0),
            b' ' => (Kind::Nop, 0),
            b'<' | b'>' | b'=' => {
                self.little = match letter {
                    b'<' => true,
                    b'>' => false,
                    _ => NATIVE_LITTLE,
                };
                (Kind::Nop, 0)
            }
            b'!' => {
                self.max_align = self.int_size(NATIVE_ALIGN)?;
                (Kind::Nop, 0)
            }
            _ => {
                let mut message = b"invalid format option '".to_vec();
                message.extend_from_slice(&[letter, b'\'']);
                return Err(FormatError::Message(message));
            }
        };
        Ok(option)
    }

    /// The numeral after an option, if there is one.
    fn numeral(&mut self) -> Option<usize> {
        let first = self.format.get(self.pos).filter(|b| b.is_ascii_digit())?;
        let mut value = usize::from(first - b'0');
        self.pos += 1;
        while value <= NUMERAL_LIMIT
            && let Some(digit) = self.format.get(self.pos).filter(|b| b.is_ascii_digit())
        {
            value = value * 10 + usize::from(digit - b'0');
            self.pos += 1;
        }
        Some(value)
    }

    /// The size of an integer (or of `!`): the numeral, else `default`,
    /// within `1..=16`.
    fn int_size(&mut self, default: usize) -> Result<usize, FormatError> {
        let size = self.numeral().unwrap_or(default);
        if size == 0 || size > MAX_INT_SIZE {
            return Err(FormatError::Message(
                format!("integral size ({size}) out of limits [1,{MAX_INT_SIZE}]").into_bytes(),
            ));
        }
        Ok(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(format: &str) -> Result<Vec<(Kind, usize, usize)>, FormatError> {
        let mut options = Options::new(format.as_bytes());
        let mut offset = 0;
        let mut items = Vec::new();
        while let Some(item) = options.next_at(offset) {
            let item = item?;
            offset += item.padding + item.size;
            items.push((item.kind, item.size, item.padding));
        }
        Ok(items)
    }

    #[test]
    fn sizes_and_alignment() {
        use Kind::*;
        assert_eq!(
            items("!8 b Xh i4").unwrap(),
            vec![
                (Nop, 0, 0),
                (Nop, 0, 0),
                (Int, 1, 0),
                (Nop, 0, 0),
                (Align, 0, 1),
                (Nop, 0, 0),
                (Int, 4, 2)
            ]
        );
        assert_eq!(items("!4 b d").unwrap()[4], (Double, 8, 3));
        assert_eq!(items("b d").unwrap()[2], (Double, 8, 0));
        assert_eq!(items("c3 i2").unwrap()[0], (Char, 3, 0));
        assert_eq!(items("i4\0i8").unwrap(), vec![(Int, 4, 0)]);
        // Digits stop being read past the limit; the rest is an option.
        assert_eq!(
            items("c2147483640"),
            Err(FormatError::Message(b"invalid format option '0'".to_vec()))
        );
        assert_eq!(items("c2147483639").unwrap(), vec![(Char, 2147483639, 0)]);
    }

    #[test]
    fn bad_formats() {
        let message = |m: &str| Err(FormatError::Message(m.as_bytes().to_vec()));
        assert_eq!(
            items("i17"),
            message("integral size (17) out of limits [1,16]")
        );
        assert_eq!(
            items("!0"),
            message("integral size (0) out of limits [1,16]")
        );
        assert_eq!(items("c"), message("missing size for format option 'c'"));
        assert_eq!(items("r"), message("invalid format option 'r'"));
        let bad = |m: &'static str| Err(FormatError::BadFormat(m));
        assert_eq!(items("X"), bad("invalid next option for option 'X'"));
        assert_eq!(items("Xc1"), bad("invalid next option for option 'X'"));
        assert_eq!(items("X "), bad("invalid next option for option 'X'"));
        assert_eq!(
            items("!4 i3"),
            bad("format asks for alignment not power of 2")
        );
    }
}
