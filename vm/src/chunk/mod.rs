//! Binary chunks: what `string.dump` writes and `load` reads back.
//!
//! The header is PUC Lua 5.4's, byte for byte (signature, version, format,
//! the `LUAC_DATA` guard against text-mode conversions, the sizes of an
//! instruction, an integer and a float, then `LUAC_INT` and `LUAC_NUM` to
//! check byte order and float format), so that tools reading the header
//! (and the official tests) see a 5.4 chunk. After the header, the layout of
//! a function follows PUC's `ldump.c` in spirit (sizes as PUC's variable
//! length integers, nullable strings, the source written once and inherited
//! by nested functions), but instructions use Saturn's own compact encoding
//! of the decoded [`Op`](crate::bytecode::Op) enum ([`encoding`]): a binary
//! chunk of PUC Lua cannot be loaded by Saturn, nor the reverse (the header
//! matches, the contents are refused as malformed).
//!
//! A loaded chunk is untrusted input: [`undump`] reports every malformation
//! as PUC's `bad binary format (...)` errors, never allocates more than the
//! chunk's size justifies, and [`verify`] checks every index the interpreter
//! relies on before the prototype can run.

mod dump;
mod encoding;
mod undump;
mod verify;

pub use dump::{dump, strip};
pub use undump::{undump, undump_prefix};

/// `"\x1bLua"`: the first bytes of every binary chunk.
pub const SIGNATURE: &[u8] = b"\x1bLua";
/// PUC's `LUAC_VERSION` for 5.4.
const VERSION: u8 = 0x54;
/// PUC's `LUAC_FORMAT` (the official format).
const FORMAT: u8 = 0;
/// PUC's `LUAC_DATA`: bytes that text-mode conversions would alter.
const DATA: &[u8] = b"\x19\x93\r\n\x1a\n";
/// `sizeof(Instruction)`, `sizeof(lua_Integer)`, `sizeof(lua_Number)`.
const INSTRUCTION_SIZE: u8 = 4;
const INTEGER_SIZE: u8 = 8;
const NUMBER_SIZE: u8 = 8;
/// PUC's `LUAC_INT` and `LUAC_NUM`.
const CHECK_INTEGER: i64 = 0x5678;
const CHECK_NUMBER: f64 = 370.5;

/// Constant tags, PUC's type variants (`LUA_VNIL`, `LUA_VFALSE`, ...).
mod tag {
    pub const NIL: u8 = 0x00;
    pub const FALSE: u8 = 0x01;
    pub const TRUE: u8 = 0x11;
    pub const INTEGER: u8 = 0x03;
    pub const FLOAT: u8 = 0x13;
    pub const SHORT_STRING: u8 = 0x04;
    pub const LONG_STRING: u8 = 0x14;
}

/// PUC's `LUAI_MAXSHORTLEN`: strings up to this length are tagged short.
const MAX_SHORT_LEN: usize = 40;

/// How deeply functions may nest in a loaded chunk (the parser allows 200
/// nested levels of any syntax, so no compiled chunk comes near it).
const MAX_NESTING: usize = 200;

#[cfg(test)]
mod tests;
