//! The lexer: turns Lua source bytes into tokens, one at a time.
//!
//! It works on bytes (Lua source need not be UTF-8) and keeps PUC Lua's
//! observable state: the current line number and the text of the last token
//! read, which error messages quote (`near '3x'`). Keywords are recognised by
//! matching the byte slice, without allocating.

use crate::bytecode::chunk_id;
use crate::number::{Number, str_to_number};

/// A compile-time error (lexical, syntactic or semantic), already formatted
/// as PUC Lua formats it: `chunkid:line: message near 'token'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The full message, as bytes (source excerpts need not be UTF-8).
    pub message: Vec<u8>,
    /// The error happened at `<eof>`: more input could complete the chunk.
    /// The REPL uses this to ask for a continuation line.
    pub incomplete: bool,
}

/// One token. Names and strings carry their bytes; numbers their value.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    And,
    Break,
    Do,
    Else,
    ElseIf,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    Eof,
    Float(f64),
    Integer(i64),
    Name(Box<[u8]>),
    String(Box<[u8]>),
    /// Any other single byte: `+`, `(`, `=`, but also stray bytes such as
    /// `\1` or `\200`, which the parser then rejects.
    Char(u8),
}

impl Token {
    /// The keyword spelled by `word`, if it is one.
    fn keyword(word: &[u8]) -> Option<Token> {
        Some(match word {
            b"and" => Token::And,
            b"break" => Token::Break,
            b"do" => Token::Do,
            b"else" => Token::Else,
            b"elseif" => Token::ElseIf,
            b"end" => Token::End,
            b"false" => Token::False,
            b"for" => Token::For,
            b"function" => Token::Function,
            b"goto" => Token::Goto,
            b"if" => Token::If,
            b"in" => Token::In,
            b"local" => Token::Local,
            b"nil" => Token::Nil,
            b"not" => Token::Not,
            b"or" => Token::Or,
            b"repeat" => Token::Repeat,
            b"return" => Token::Return,
            b"then" => Token::Then,
            b"true" => Token::True,
            b"until" => Token::Until,
            b"while" => Token::While,
            _ => return None,
        })
    }

    /// The fixed spelling of keywords and multi-byte symbols.
    fn spelling(&self) -> Option<&'static str> {
        Some(match self {
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::ElseIf => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::Goto => "goto",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            _ => return None,
        })
    }

    /// How PUC names a token kind in messages (`luaX_token2str`): symbols
    /// and keywords quoted, `<eof>`, `<name>`, `<string>`, `<number>`,
    /// `<integer>` bare, unprintable bytes as `'<\N>'`.
    pub fn describe(&self) -> Vec<u8> {
        match self {
            Token::Char(c) if (0x20..0x7f).contains(c) => vec![b'\'', *c, b'\''],
            Token::Char(c) => format!("'<\\{c}>'").into_bytes(),
            Token::Eof => b"<eof>".to_vec(),
            Token::Float(_) => b"<number>".to_vec(),
            Token::Integer(_) => b"<integer>".to_vec(),
            Token::Name(_) => b"<name>".to_vec(),
            Token::String(_) => b"<string>".to_vec(),
            fixed => format!("'{}'", fixed.spelling().unwrap_or_default()).into_bytes(),
        }
    }

    /// Tokens whose message text is the source text just read.
    fn quotes_its_text(&self) -> bool {
        matches!(
            self,
            Token::Float(_) | Token::Integer(_) | Token::Name(_) | Token::String(_)
        )
    }
}

/// C's `isspace` in the "C" locale, which Lua uses for numerals and `\z`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn hex_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        _ => u32::from((c | 0x20) - b'a' + 10),
    }
}

/// Encodes `code` (up to 2^31 - 1) as PUC's extended UTF-8, up to 6 bytes.
pub fn utf8_encode(mut code: u32, out: &mut Vec<u8>) {
    if code < 0x80 {
        out.push(code as u8);
        return;
    }
    let mut tail = [0u8; 6];
    let mut count = 0;
    let mut first_byte_room = 0x3f; // payload bits the first byte can hold
    while code > first_byte_room {
        tail[count] = 0x80 | (code & 0x3f) as u8;
        count += 1;
        code >>= 6;
        first_byte_room >>= 1;
    }
    out.push(((!first_byte_room << 1) | code) as u8);
    out.extend(tail[..count].iter().rev());
}

/// The lexer state: position, line, and the text of the last token.
pub struct Lexer<'s> {
    src: &'s [u8],
    pos: usize,
    /// PUC's `linenumber`: the line the scanner has reached.
    line: u32,
    chunkname: &'s [u8],
    /// The text of the token being read (PUC's buffer): error messages
    /// quote it, and string tokens are built in it.
    text: Vec<u8>,
}

impl<'s> Lexer<'s> {
    pub fn new(src: &'s [u8], chunkname: &'s [u8]) -> Self {
        Lexer {
            src,
            pos: 0,
            line: 1,
            chunkname,
            text: Vec::new(),
        }
    }

    /// The line the scanner is on (the line where the last token ended).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Whether the scanner has read all of the source. PUC's scanner reads
    /// one character ahead of every token, so a token read at the end of
    /// a source that is still growing (`load` from a reader function) may
    /// still change.
    pub fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// An error at the current line, optionally followed by `near <token>`.
    pub fn error(&self, message: &[u8], near: Option<&Token>) -> SyntaxError {
        let mut text = chunk_id(self.chunkname);
        text.extend_from_slice(format!(":{}: ", self.line).as_bytes());
        text.extend_from_slice(message);
        // A NUL byte is token 0 for PUC, which means "no token": no `near`.
        if let Some(token) = near.filter(|&t| *t != Token::Char(0)) {
            text.extend_from_slice(b" near ");
            if token.quotes_its_text() {
                // PUC formats the buffer as a C string: it stops at a NUL.
                let shown = self.text.split(|&c| c == 0).next().unwrap_or_default();
                text.push(b'\'');
                text.extend_from_slice(shown);
                text.push(b'\'');
            } else {
                text.extend_from_slice(&token.describe());
            }
        }
        SyntaxError {
            message: text,
            incomplete: near == Some(&Token::Eof),
        }
    }

    fn current(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn advance(&mut self) {
        self.pos += 1;
    }

    fn save_and_advance(&mut self) {
        if let Some(c) = self.current() {
            self.text.push(c);
        }
        self.pos += 1;
    }

    fn at_newline(&self) -> bool {
        matches!(self.current(), Some(b'\n' | b'\r'))
    }

    /// Skips one line break (`\n`, `\r`, `\r\n` or `\n\r`) and counts it.
    fn skip_newline(&mut self) {
        let first = self.current();
        self.advance();
        if self.at_newline() && self.current() != first {
            self.advance();
        }
        self.line = self.line.saturating_add(1);
    }

    /// Reads the next token.
    pub fn next_token(&mut self) -> Result<Token, SyntaxError> {
        self.text.clear();
        loop {
            let Some(c) = self.current() else {
                return Ok(Token::Eof);
            };
            match c {
                b'\n' | b'\r' => self.skip_newline(),
                b' ' | b'\t' | 0x0b | 0x0c => {
                    self.pos += self.run_length(|c| matches!(c, b' ' | b'\t' | 0x0b | 0x0c));
                }
                b'-' => {
                    self.advance();
                    if self.current() != Some(b'-') {
                        return Ok(Token::Char(b'-'));
                    }
                    self.advance();
                    self.skip_comment()?;
                }
                b'[' => {
                    let level = self.bracket_level();
                    return match level {
                        Some(level) if self.current() == Some(b'[') => {
                            self.read_long_string(level, true)?;
                            let body = &self.text[level + 2..self.text.len() - level - 2];
                            Ok(Token::String(body.into()))
                        }
                        Some(0) => Ok(Token::Char(b'[')),
                        _ => Err(self.error(
                            b"invalid long string delimiter",
                            Some(&Token::String(Box::default())),
                        )),
                    };
                }
                b'=' => return Ok(self.one_or_two(b'=', Token::Eq, Token::Char(b'='))),
                b'<' => {
                    self.advance();
                    return Ok(match self.current() {
                        Some(b'=') => self.skip_then(Token::Le),
                        Some(b'<') => self.skip_then(Token::Shl),
                        _ => Token::Char(b'<'),
                    });
                }
                b'>' => {
                    self.advance();
                    return Ok(match self.current() {
                        Some(b'=') => self.skip_then(Token::Ge),
                        Some(b'>') => self.skip_then(Token::Shr),
                        _ => Token::Char(b'>'),
                    });
                }
                b'/' => return Ok(self.one_or_two(b'/', Token::IDiv, Token::Char(b'/'))),
                b'~' => return Ok(self.one_or_two(b'=', Token::Ne, Token::Char(b'~'))),
                b':' => return Ok(self.one_or_two(b':', Token::DbColon, Token::Char(b':'))),
                b'"' | b'\'' => return self.read_string(c),
                b'.' => {
                    self.save_and_advance();
                    if self.current() == Some(b'.') {
                        self.advance();
                        if self.current() == Some(b'.') {
                            self.advance();
                            return Ok(Token::Dots);
                        }
                        return Ok(Token::Concat);
                    }
                    if !self.current().is_some_and(|c| c.is_ascii_digit()) {
                        return Ok(Token::Char(b'.'));
                    }
                    return self.read_numeral();
                }
                b'0'..=b'9' => return self.read_numeral(),
                c if is_name_start(c) => {
                    let start = self.pos;
                    while self.current().is_some_and(is_name_char) {
                        self.advance();
                    }
                    let word = &self.src[start..self.pos];
                    self.text.extend_from_slice(word);
                    return Ok(Token::keyword(word).unwrap_or_else(|| Token::Name(word.into())));
                }
                other => {
                    self.advance();
                    return Ok(Token::Char(other));
                }
            }
        }
    }

    /// Having just read the first byte of a symbol: if `second` follows,
    /// consume it and give `pair`, else give `single`.
    fn one_or_two(&mut self, second: u8, pair: Token, single: Token) -> Token {
        self.advance();
        if self.current() == Some(second) {
            self.skip_then(pair)
        } else {
            single
        }
    }

    fn skip_then(&mut self, token: Token) -> Token {
        self.advance();
        token
    }

    /// Skips a comment whose `--` has been read.
    fn skip_comment(&mut self) -> Result<(), SyntaxError> {
        if self.current() == Some(b'[') {
            let level = self.bracket_level();
            self.text.clear();
            if let Some(level) = level
                && self.current() == Some(b'[')
            {
                self.read_long_string(level, false)?;
                self.text.clear();
                return Ok(());
            }
        }
        self.pos += self.run_length(|c| c != b'\n' && c != b'\r');
        Ok(())
    }

    /// How many bytes from the current position satisfy `pred`.
    fn run_length(&self, pred: impl Fn(u8) -> bool) -> usize {
        let rest = &self.src[self.pos.min(self.src.len())..];
        rest.iter().position(|&c| !pred(c)).unwrap_or(rest.len())
    }

    /// Copies (for strings) or skips the bytes from here up to the next
    /// one that `is_special` picks out.
    fn take_plain_run(&mut self, keep: bool, is_special: impl Fn(u8) -> bool) {
        let len = self.run_length(|c| !is_special(c));
        if keep {
            self.text
                .extend_from_slice(&self.src[self.pos..self.pos + len]);
        }
        self.pos += len;
    }

    /// On `[` or `]`: reads it and the following `=`s, leaving the scanner
    /// on the next byte. Gives the number of `=`s when that byte repeats
    /// the bracket (a long bracket) or when there are none; `None` for an
    /// unfinished `[==`.
    fn bracket_level(&mut self) -> Option<usize> {
        let bracket = self.current();
        self.save_and_advance();
        let mut level = 0;
        while self.current() == Some(b'=') {
            self.save_and_advance();
            level += 1;
        }
        (self.current() == bracket || level == 0).then_some(level)
    }

    /// Reads a long string or comment after its opening `[==`; the
    /// scanner is on the second `[`. A string's text (with brackets) is
    /// left in `self.text`.
    fn read_long_string(&mut self, level: usize, is_string: bool) -> Result<(), SyntaxError> {
        let start_line = self.line;
        self.save_and_advance();
        if self.at_newline() {
            self.skip_newline();
        }
        loop {
            match self.current() {
                None => {
                    let what = if is_string { "string" } else { "comment" };
                    let message = format!("unfinished long {what} (starting at line {start_line})");
                    return Err(self.error(message.as_bytes(), Some(&Token::Eof)));
                }
                Some(b']') => {
                    let end = self.text.len();
                    let closing = self.bracket_level();
                    if closing == Some(level) && self.current() == Some(b']') {
                        self.save_and_advance();
                        return Ok(());
                    }
                    if !is_string {
                        self.text.truncate(end);
                    }
                }
                Some(b'\n' | b'\r') => {
                    if is_string {
                        self.text.push(b'\n');
                    }
                    self.skip_newline();
                }
                Some(_) => {
                    self.take_plain_run(is_string, |c| matches!(c, b']' | b'\n' | b'\r'));
                }
            }
        }
    }

    /// Fails with `message` near the string read so far, after adding the
    /// offending byte to it (as PUC shows it).
    fn escape_error(&mut self, message: &str) -> SyntaxError {
        if self.current().is_some() {
            self.save_and_advance();
        }
        self.error(message.as_bytes(), Some(&Token::String(Box::default())))
    }

    /// Reads one hexadecimal digit of an escape; the byte before it (the
    /// escape letter or the previous digit) is saved for messages first.
    fn escape_hex_digit(&mut self) -> Result<u32, SyntaxError> {
        self.save_and_advance();
        match self.current() {
            Some(c) if c.is_ascii_hexdigit() => Ok(hex_value(c)),
            _ => Err(self.escape_error("hexadecimal digit expected")),
        }
    }

    fn read_string(&mut self, delimiter: u8) -> Result<Token, SyntaxError> {
        self.save_and_advance();
        loop {
            match self.current() {
                None => return Err(self.error(b"unfinished string", Some(&Token::Eof))),
                Some(b'\n' | b'\r') => {
                    return Err(
                        self.error(b"unfinished string", Some(&Token::String(Box::default())))
                    );
                }
                Some(b'\\') => self.read_escape()?,
                Some(c) if c == delimiter => break,
                Some(_) => self.take_plain_run(true, |c| {
                    matches!(c, b'\\' | b'\n' | b'\r') || c == delimiter
                }),
            }
        }
        self.save_and_advance();
        Ok(Token::String(self.text[1..self.text.len() - 1].into()))
    }

    /// Reads an escape sequence at `\`, appending the bytes it stands for.
    /// While it is read, its source text sits in `self.text` so that error
    /// messages can show it.
    fn read_escape(&mut self) -> Result<(), SyntaxError> {
        let start = self.text.len();
        self.save_and_advance();
        let simple = |c: u8| -> Option<u8> {
            Some(match c {
                b'a' => 0x07,
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'v' => 0x0b,
                b'\\' | b'"' | b'\'' => c,
                _ => return None,
            })
        };
        let Some(c) = self.current() else {
            return Ok(()); // the caller reports the unfinished string
        };
        if let Some(byte) = simple(c) {
            self.advance();
            self.text.truncate(start);
            self.text.push(byte);
            return Ok(());
        }
        match c {
            b'x' => {
                let high = self.escape_hex_digit()?;
                let low = self.escape_hex_digit()?;
                self.advance();
                self.text.truncate(start);
                self.text.push((high * 16 + low) as u8);
            }
            b'u' => {
                let code = self.read_utf8_escape()?;
                self.text.truncate(start);
                utf8_encode(code, &mut self.text);
            }
            b'\n' | b'\r' => {
                self.skip_newline();
                self.text.truncate(start);
                self.text.push(b'\n');
            }
            b'z' => {
                self.text.truncate(start);
                self.advance();
                while let Some(c) = self.current().filter(|&c| is_space(c)) {
                    if c == b'\n' || c == b'\r' {
                        self.skip_newline();
                    } else {
                        self.advance();
                    }
                }
            }
            b'0'..=b'9' => {
                let mut value = 0u32;
                let mut digits = 0;
                while digits < 3 && self.current().is_some_and(|c| c.is_ascii_digit()) {
                    value = value * 10 + u32::from(self.current().unwrap_or(b'0') - b'0');
                    self.save_and_advance();
                    digits += 1;
                }
                if value > 255 {
                    return Err(self.escape_error("decimal escape too large"));
                }
                self.text.truncate(start);
                self.text.push(value as u8);
            }
            _ => return Err(self.escape_error("invalid escape sequence")),
        }
        Ok(())
    }

    /// Reads `u{XXX}` after a backslash, giving the code point.
    fn read_utf8_escape(&mut self) -> Result<u32, SyntaxError> {
        self.save_and_advance(); // 'u'
        if self.current() != Some(b'{') {
            return Err(self.escape_error("missing '{'"));
        }
        let mut code = self.escape_hex_digit()?;
        loop {
            self.save_and_advance();
            match self.current() {
                Some(c) if c.is_ascii_hexdigit() => {
                    if code > 0x7FFF_FFFF >> 4 {
                        return Err(self.escape_error("UTF-8 value too large"));
                    }
                    code = code * 16 + hex_value(c);
                }
                _ => break,
            }
        }
        if self.current() != Some(b'}') {
            return Err(self.escape_error("missing '}'"));
        }
        self.advance();
        Ok(code)
    }

    /// Reads a numeral: PUC accepts a liberal run of characters here and
    /// lets the conversion reject malformed ones (`3x`, `1..2`, `0x`).
    fn read_numeral(&mut self) -> Result<Token, SyntaxError> {
        let first = self.current();
        self.save_and_advance();
        let mut exponent_marks = b"Ee";
        if first == Some(b'0') && matches!(self.current(), Some(b'x' | b'X')) {
            self.save_and_advance();
            exponent_marks = b"Pp";
        }
        while let Some(c) = self.current() {
            if exponent_marks.contains(&c) {
                self.save_and_advance();
                if matches!(self.current(), Some(b'+' | b'-')) {
                    self.save_and_advance();
                }
            } else if c.is_ascii_hexdigit() || c == b'.' {
                self.save_and_advance();
            } else {
                break;
            }
        }
        if self.current().is_some_and(is_name_start) {
            self.save_and_advance(); // a numeral touching a letter is malformed
        }
        match str_to_number(&self.text) {
            Some(Number::Int(i)) => Ok(Token::Integer(i)),
            Some(Number::Float(f)) => Ok(Token::Float(f)),
            None => Err(self.error(b"malformed number", Some(&Token::Float(0.0)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All tokens of `src`, or the error message.
    fn tokens(src: &str) -> Result<Vec<Token>, String> {
        let mut lexer = Lexer::new(src.as_bytes(), src.as_bytes());
        let mut out = Vec::new();
        loop {
            match lexer.next_token() {
                Ok(Token::Eof) => return Ok(out),
                Ok(token) => out.push(token),
                Err(e) => return Err(String::from_utf8_lossy(&e.message).into_owned()),
            }
        }
    }

    fn one(src: &str) -> Token {
        let mut all = tokens(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
        assert_eq!(all.len(), 1, "{src:?}: {all:?}");
        all.remove(0)
    }

    fn string(src: &str) -> Vec<u8> {
        match one(src) {
            Token::String(s) => s.into_vec(),
            other => panic!("{src:?} gave {other:?}"),
        }
    }

    #[test]
    fn integers() {
        assert_eq!(one("0"), Token::Integer(0));
        assert_eq!(one("123"), Token::Integer(123));
        assert_eq!(one("0xff"), Token::Integer(255));
        assert_eq!(one("0XA"), Token::Integer(10));
        assert_eq!(one("9223372036854775807"), Token::Integer(i64::MAX));
        assert_eq!(one("0xffffffffffffffff"), Token::Integer(-1));
        assert_eq!(one("0x7fffffffffffffff"), Token::Integer(i64::MAX));
        // Hexadecimal integers wrap around modulo 2^64.
        assert_eq!(one("0x10000000000000001"), Token::Integer(1));
        assert_eq!(one("08"), Token::Integer(8));
    }

    #[test]
    fn floats() {
        assert_eq!(
            one("9223372036854775808"),
            Token::Float(9223372036854775808.0)
        );
        assert_eq!(one("1e308"), Token::Float(1e308));
        assert_eq!(one("1e309"), Token::Float(f64::INFINITY));
        assert_eq!(one("3."), Token::Float(3.0));
        assert_eq!(one(".5"), Token::Float(0.5));
        assert_eq!(one("1.5e-3"), Token::Float(1.5e-3));
        assert_eq!(one("2E+2"), Token::Float(200.0));
        assert_eq!(one("0x1p4"), Token::Float(16.0));
        assert_eq!(one("0x.1p4"), Token::Float(1.0));
        assert_eq!(one("0x1.8P-1"), Token::Float(0.75));
        assert_eq!(one("0xA.8"), Token::Float(10.5));
        assert_eq!(one("0x.8"), Token::Float(0.5));
        assert_eq!(one("1e-400"), Token::Float(0.0));
        assert_eq!(one("0x1p-1074"), Token::Float(f64::from_bits(1)));
        assert_eq!(one("0x1p1024"), Token::Float(f64::INFINITY));
        // More hex digits than a u64 holds still round correctly.
        assert_eq!(
            one("0x123456789abcdef0123p0"),
            Token::Float(0x0123_4567_89ab_cdef_0123_u128 as f64)
        );
    }

    #[test]
    fn numbers_from_strings() {
        assert_eq!(str_to_number(b" 10 "), Some(Number::Int(10)));
        assert_eq!(str_to_number(b"-0x10"), Some(Number::Int(-16)));
        assert_eq!(
            str_to_number(b"-9223372036854775808"),
            Some(Number::Int(i64::MIN))
        );
        assert_eq!(
            str_to_number(b"-9223372036854775809"),
            Some(Number::Float(-9223372036854775809.0))
        );
        assert_eq!(str_to_number(b"\t-1.5e1\n"), Some(Number::Float(-15.0)));
        assert_eq!(str_to_number(b"-0x1p1"), Some(Number::Float(-2.0)));
        for bad in [
            "", " ", "inf", "nan", "1e", "0x", "1 2", "- 1", "0x1p", "1f", "--1", "0x.p1",
        ] {
            assert_eq!(str_to_number(bad.as_bytes()), None, "{bad:?}");
        }
    }

    #[test]
    fn short_strings_and_escapes() {
        assert_eq!(string(r#""abc""#), b"abc");
        assert_eq!(string("'a\"b'"), b"a\"b");
        assert_eq!(
            string(r#""\a\b\f\n\r\t\v\\\"\'""#),
            b"\x07\x08\x0c\n\r\t\x0b\\\"'"
        );
        assert_eq!(string("'a\\\nb'"), b"a\nb");
        assert_eq!(string("'a\\\r\nb'"), b"a\nb");
        assert_eq!(string("'a\\z  \n\t  b'"), b"ab");
        assert_eq!(string(r"'\x41\x6a'"), b"Aj");
        assert_eq!(string(r"'\65\066\0677'"), b"ABC7");
        assert_eq!(string(r"'\0\255'"), b"\x00\xff");
        assert_eq!(
            string(r"'\u{41}\u{7FF}\u{FFFF}'"),
            "A\u{7ff}\u{ffff}".as_bytes()
        );
        assert_eq!(string(r"'\u{10FFFF}'"), "\u{10ffff}".as_bytes());
        assert_eq!(string(r"'\u{7FFFFFFF}'"), b"\xfd\xbf\xbf\xbf\xbf\xbf");
        assert_eq!(string(r"'\u{200000}'"), b"\xf8\x88\x80\x80\x80");
        assert_eq!(string(r"'\u{0000041}'"), b"A");
    }

    #[test]
    fn long_strings_and_comments() {
        assert_eq!(string("[[abc]]"), b"abc");
        assert_eq!(string("[[\nabc]]"), b"abc");
        assert_eq!(string("[[\r\nabc]]"), b"abc");
        assert_eq!(string("[==[a]]b]=]c]==]"), b"a]]b]=]c");
        assert_eq!(string("[[a\r\nb\n\rc\rd]]"), b"a\nb\nc\nd");
        assert_eq!(string("[=[\\n]=]"), b"\\n");
        assert_eq!(
            tokens("--[[ x ]] 1 -- y\n 2 --[==[\n]]\n]==] 3")
                .unwrap()
                .len(),
            3
        );
        assert_eq!(tokens("--[==x\n 1").unwrap(), vec![Token::Integer(1)]);
        assert_eq!(one("--\n["), Token::Char(b'['));
    }

    #[test]
    fn symbols() {
        use Token::*;
        assert_eq!(
            tokens("// .. ... == >= <= ~= << >> :: < > = ~ : . / [").unwrap(),
            vec![
                IDiv,
                Concat,
                Dots,
                Eq,
                Ge,
                Le,
                Ne,
                Shl,
                Shr,
                DbColon,
                Char(b'<'),
                Char(b'>'),
                Char(b'='),
                Char(b'~'),
                Char(b':'),
                Char(b'.'),
                Char(b'/'),
                Char(b'[')
            ]
        );
        assert_eq!(tokens("and_ _and end").unwrap()[2], End);
        assert_eq!(tokens("a.b").unwrap().len(), 3);
        assert_eq!(
            tokens("1..2").unwrap_err(),
            r#"[string "1..2"]:1: malformed number near '1..2'"#
        );
    }

    #[test]
    fn line_breaks_count_once() {
        let mut lexer = Lexer::new(b"a\nb\r\nc\n\rd\re\n\nf", b"=t");
        let mut lines = Vec::new();
        while lexer.next_token().unwrap() != Token::Eof {
            lines.push(lexer.line());
        }
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 7]);
    }

    #[test]
    fn lexical_errors_match_puc() {
        let cases = [
            (
                "x = \"abc",
                r#"[string "x = "abc"]:1: unfinished string near <eof>"#,
            ),
            (
                "x = \"abc\ndef\"",
                r#"[string "x = "abc..."]:1: unfinished string near '"abc'"#,
            ),
            (
                r#"x = "\300""#,
                r#"[string "x = "\300""]:1: decimal escape too large near '"\300"'"#,
            ),
            (
                r#"x = "\q""#,
                r#"[string "x = "\q""]:1: invalid escape sequence near '"\q'"#,
            ),
            (
                r#"x = "\xg""#,
                r#"[string "x = "\xg""]:1: hexadecimal digit expected near '"\xg'"#,
            ),
            (
                r#"x = "\x"#,
                r#"[string "x = "\x"]:1: hexadecimal digit expected near '"\x'"#,
            ),
            (
                r#"x = "\u{110000000}""#,
                r#"[string "x = "\u{110000000}""]:1: UTF-8 value too large near '"\u{110000000'"#,
            ),
            (
                r#"x = "\u{12""#,
                r#"[string "x = "\u{12""]:1: missing '}' near '"\u{12"'"#,
            ),
            (
                r#"x = "\u12""#,
                r#"[string "x = "\u12""]:1: missing '{' near '"\u1'"#,
            ),
            (
                r"x = '\u{}'",
                r#"[string "x = '\u{}'"]:1: hexadecimal digit expected near ''\u{}'"#,
            ),
            (
                "x = 3x",
                r#"[string "x = 3x"]:1: malformed number near '3x'"#,
            ),
            (
                "x = 0x",
                r#"[string "x = 0x"]:1: malformed number near '0x'"#,
            ),
            (
                "x = 1e+",
                r#"[string "x = 1e+"]:1: malformed number near '1e+'"#,
            ),
            (
                "x = 0x1p",
                r#"[string "x = 0x1p"]:1: malformed number near '0x1p'"#,
            ),
            (
                "x=.5e",
                r#"[string "x=.5e"]:1: malformed number near '.5e'"#,
            ),
            (
                "x = [=abc",
                r#"[string "x = [=abc"]:1: invalid long string delimiter near '[='"#,
            ),
            (
                "x = [[abc",
                r#"[string "x = [[abc"]:1: unfinished long string (starting at line 1) near <eof>"#,
            ),
            (
                "--[[abc",
                r#"[string "--[[abc"]:1: unfinished long comment (starting at line 1) near <eof>"#,
            ),
            (
                "x = [==[a]]\n\nb",
                r#"[string "x = [==[a]]..."]:3: unfinished long string (starting at line 1) near <eof>"#,
            ),
            (
                "x = 'a\\\n",
                r#"[string "x = 'a\..."]:2: unfinished string near <eof>"#,
            ),
        ];
        for (src, expected) in cases {
            assert_eq!(tokens(src).unwrap_err(), expected, "{src:?}");
        }
    }

    #[test]
    fn incomplete_only_at_eof() {
        let error = |src: &str| {
            let mut lexer = Lexer::new(src.as_bytes(), b"=t");
            loop {
                match lexer.next_token() {
                    Ok(Token::Eof) => panic!("{src:?} lexed"),
                    Ok(_) => {}
                    Err(e) => return e,
                }
            }
        };
        assert!(error("'abc").incomplete);
        assert!(error("[[abc").incomplete);
        assert!(!error("'abc\n'").incomplete);
        assert!(!error("3x").incomplete);
    }
}
