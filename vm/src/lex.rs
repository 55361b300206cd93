//! The lexer. (Being written: see the front-end work.)

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
