//! The formats of `read` and `lines`: `"n"` (a numeral), `"l"` (a line),
//! `"L"` (a line with its end), `"a"` (the rest) and a byte count (`0`
//! tests for end of file), each read from a [`BufRead`] whose buffer
//! serves as C's one byte of look-ahead.

use std::io::{self, BufRead, Read};

use saturn_vm::number::{Number, is_space, str_to_number};

/// One read format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Number,
    Line,
    LineWithEnd,
    All,
    Bytes(u64),
}

impl Format {
    /// The format named by a string (`"n"`, `"*l"`, ...: a leading `*` is
    /// accepted for compatibility, and only the first letter counts).
    pub fn from_name(name: &[u8]) -> Option<Format> {
        let name = name.strip_prefix(b"*").unwrap_or(name);
        match name.first() {
            Some(b'n') => Some(Format::Number),
            Some(b'l') => Some(Format::Line),
            Some(b'L') => Some(Format::LineWithEnd),
            Some(b'a') => Some(Format::All),
            _ => None,
        }
    }
}

/// What one format read.
#[derive(Debug, PartialEq)]
pub enum Item {
    /// Text, left in the caller's buffer.
    Text,
    Number(Number),
    /// Nothing to read (end of file, or not a numeral): Lua sees `nil`.
    Fail,
}

/// Reads one item in `format`; text is appended to `text` (empty on
/// entry: the caller reuses one buffer, and reserves a count's room
/// first, so that an impossible count fails as PUC's buffer does).
pub fn read_item(input: &mut dyn BufRead, format: Format, text: &mut Vec<u8>) -> io::Result<Item> {
    match format {
        Format::Number => read_number(input),
        Format::Line => read_line(input, false, text),
        Format::LineWithEnd => read_line(input, true, text),
        Format::All => {
            input.read_to_end(text)?;
            Ok(Item::Text)
        }
        Format::Bytes(0) => {
            let at_end = fill(input)?.is_empty();
            Ok(if at_end { Item::Fail } else { Item::Text })
        }
        Format::Bytes(count) => {
            input.take(count).read_to_end(text)?;
            Ok(if text.is_empty() {
                Item::Fail
            } else {
                Item::Text
            })
        }
    }
}

/// The buffered bytes, refilled when empty (retrying interrupted reads).
fn fill(input: &mut dyn BufRead) -> io::Result<&[u8]> {
    loop {
        match input.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            Ok(_) => break,
        }
    }
    input.fill_buf()
}

/// Reads a line (with its `\n` when `keep_end`) and hands its bytes to
/// `make`: straight from the input's buffer when the whole line is there,
/// else gathered in `partial` (empty on entry). `None` at end of file with
/// nothing read.
pub fn read_line_with<T>(
    input: &mut dyn BufRead,
    keep_end: bool,
    partial: &mut Vec<u8>,
    make: impl FnOnce(&[u8]) -> T,
) -> io::Result<Option<T>> {
    loop {
        let available = fill(input)?;
        if available.is_empty() {
            return Ok((!partial.is_empty()).then(|| make(partial)));
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(end) => {
                let line = &available[..if keep_end { end + 1 } else { end }];
                let value = if partial.is_empty() {
                    make(line)
                } else {
                    partial.extend_from_slice(line);
                    make(partial)
                };
                input.consume(end + 1);
                return Ok(Some(value));
            }
            None => {
                let n = available.len();
                partial.extend_from_slice(available);
                input.consume(n);
            }
        }
    }
}

/// A line into `text`; it fails only at end of file with nothing read.
fn read_line(input: &mut dyn BufRead, keep_end: bool, text: &mut Vec<u8>) -> io::Result<Item> {
    let mut partial = Vec::new();
    let line = read_line_with(input, keep_end, &mut partial, |bytes| {
        text.extend_from_slice(bytes)
    })?;
    Ok(if line.is_some() {
        Item::Text
    } else {
        Item::Fail
    })
}

/// The longest numeral `"n"` reads (PUC's `L_MAXLENNUM`).
const MAX_NUMERAL: usize = 200;

/// Reads the longest prefix that looks like a numeral, the way PUC's
/// `read_number` does, and converts it; what cannot convert is a failure.
/// The byte after the numeral stays unread.
struct Numeral<'a> {
    input: &'a mut dyn BufRead,
    text: Vec<u8>,
    too_long: bool,
}

impl Numeral<'_> {
    fn peek(&mut self) -> io::Result<Option<u8>> {
        Ok(fill(self.input)?.first().copied())
    }

    /// Takes the look-ahead byte into the numeral.
    fn take(&mut self, byte: u8) -> bool {
        if self.text.len() >= MAX_NUMERAL {
            self.too_long = true;
            return false;
        }
        self.text.push(byte);
        self.input.consume(1);
        true
    }

    /// Takes the next byte if it is one of `choices`.
    fn accept(&mut self, choices: &[u8]) -> io::Result<bool> {
        match self.peek()? {
            Some(b) if choices.contains(&b) => Ok(self.take(b)),
            _ => Ok(false),
        }
    }

    fn digits(&mut self, hex: bool) -> io::Result<usize> {
        let mut count = 0;
        while let Some(b) = self.peek()? {
            let is_digit = if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            };
            if !is_digit || !self.take(b) {
                break;
            }
            count += 1;
        }
        Ok(count)
    }
}

fn read_number(input: &mut dyn BufRead) -> io::Result<Item> {
    let mut numeral = Numeral {
        input,
        text: Vec::new(),
        too_long: false,
    };
    while let Some(b) = numeral.peek()? {
        if !is_space(b) {
            break;
        }
        numeral.input.consume(1);
    }
    numeral.accept(b"-+")?;
    let mut count = 0;
    let mut hex = false;
    if numeral.accept(b"0")? {
        if numeral.accept(b"xX")? {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += numeral.digits(hex)?;
    if numeral.accept(b".")? {
        count += numeral.digits(hex)?;
    }
    if count > 0 && numeral.accept(if hex { b"pP" } else { b"eE" })? {
        numeral.accept(b"-+")?;
        numeral.digits(false)?;
    }
    if numeral.too_long {
        return Ok(Item::Fail);
    }
    Ok(match str_to_number(&numeral.text) {
        Some(n) => Item::Number(n),
        None => Item::Fail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each format read: `Some(text)`, a number as text, or `None`.
    fn read_all_items(text: &str, formats: &[Format]) -> (Vec<Option<String>>, Vec<u8>) {
        let mut input = io::Cursor::new(text.as_bytes().to_vec());
        let items = formats
            .iter()
            .map(|&f| {
                let mut buffer = Vec::new();
                match read_item(&mut input, f, &mut buffer).unwrap() {
                    Item::Text => Some(String::from_utf8(buffer).unwrap()),
                    Item::Number(Number::Int(i)) => Some(format!("int {i}")),
                    Item::Number(Number::Float(x)) => Some(format!("float {x}")),
                    Item::Fail => None,
                }
            })
            .collect();
        let mut rest = Vec::new();
        input.read_to_end(&mut rest).unwrap();
        (items, rest)
    }

    #[test]
    fn numbers_stop_before_the_first_byte_that_cannot_continue() {
        let (items, rest) = read_all_items(
            "  0x1p4 -12 3.5e+2x",
            &[Format::Number, Format::Number, Format::Number],
        );
        assert_eq!(
            items,
            vec![
                Some("float 16".to_string()),
                Some("int -12".to_string()),
                Some("float 350".to_string()),
            ]
        );
        assert_eq!(rest, b"x");
    }

    #[test]
    fn bad_numerals_fail_after_consuming_their_prefix() {
        let (items, rest) = read_all_items("0x.g", &[Format::Number]);
        assert_eq!(items, vec![None]);
        assert_eq!(rest, b"g");
    }

    #[test]
    fn numerals_longer_than_the_limit_fail() {
        let long = "1".repeat(MAX_NUMERAL + 1);
        let (items, rest) = read_all_items(&long, &[Format::Number]);
        assert_eq!(items, vec![None]);
        assert_eq!(rest, b"1");
    }

    #[test]
    fn lines_with_and_without_their_end() {
        let (items, _) = read_all_items(
            "a\nb\nc",
            &[
                Format::Line,
                Format::LineWithEnd,
                Format::Line,
                Format::Line,
            ],
        );
        assert_eq!(
            items,
            vec![
                Some("a".to_string()),
                Some("b\n".to_string()),
                Some("c".to_string()),
                None,
            ]
        );
    }

    #[test]
    fn counts_and_the_end_of_file_test() {
        let (items, _) = read_all_items(
            "abc",
            &[
                Format::Bytes(0),
                Format::Bytes(2),
                Format::Bytes(5),
                Format::Bytes(0),
                Format::All,
            ],
        );
        assert_eq!(
            items,
            vec![
                Some(String::new()),
                Some("ab".to_string()),
                Some("c".to_string()),
                None,
                Some(String::new()),
            ]
        );
    }

    #[test]
    fn random_input_never_panics_and_is_consumed_in_order() {
        // A seeded generator over bytes that matter to numerals.
        let alphabet = b"0123456789abcdefxXpPeE+-. \n\t";
        let mut seed: u64 = 0x5eed;
        for _ in 0..2000 {
            let len = (seed >> 40) as usize % 40;
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            let mut input = io::Cursor::new(text.clone());
            let mut buffer = Vec::new();
            for format in [
                Format::Number,
                Format::Line,
                Format::Number,
                Format::Bytes(3),
            ] {
                buffer.clear();
                read_item(&mut input, format, &mut buffer).unwrap();
            }
            assert!(input.position() as usize <= text.len());
        }
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::from_name(b"*n"), Some(Format::Number));
        assert_eq!(Format::from_name(b"line"), Some(Format::Line));
        assert_eq!(Format::from_name(b"x"), None);
        assert_eq!(Format::from_name(b""), None);
    }
}
