//! Loading chunks: `load` (from a string or a reader function), `loadfile`
//! and `dofile`.
//!
//! A reader function is called through the executor, one piece at a time,
//! so it may yield; the pieces wait in the native's window until the reader
//! returns nil or an empty string, then the whole text is compiled. They
//! are merged as they come (a few strings of decreasing sizes), so an
//! endless reader does not fill the stack. PUC parses as it reads and
//! stops reading at the first error: the text read so far is checked for
//! an error that no continuation could change (`compile::early_error`), at
//! every piece while it is short, then each time its size doubles. A binary
//! chunk is checked on the same schedule, and loaded as soon as it is
//! whole: PUC reads no further.

use std::io::Read;
use std::rc::Rc;

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::value::Value;

use crate::args::{check_function, is_none, opt_string, to_string_coerced};
use crate::io::error;
use crate::io::path::to_path;
use crate::results::{return_one, return_values};

/// The first byte of a precompiled (binary) chunk.
const BINARY_SIGNATURE: u8 = saturn_vm::chunk::SIGNATURE[0];

/// Compiles `text` (or loads it, when it is a binary chunk) as a chunk
/// called `chunkname`, allowed by `mode` ("b", "t" or "bt"), into a
/// function whose `_ENV` (first upvalue) is `env` (the globals when
/// `None`). The error is the message `load` returns.
pub fn load_chunk<'gc>(
    ctx: Context<'gc>,
    text: &[u8],
    chunkname: &[u8],
    mode: &[u8],
    env: Option<Value<'gc>>,
) -> Result<Value<'gc>, Vec<u8>> {
    if let Some(message) = mode_error(text.first().copied(), mode) {
        return Err(message);
    }
    if text.first() == Some(&BINARY_SIGNATURE) {
        let proto = saturn_vm::chunk::undump(text, chunkname)?;
        return Ok(Value::from(ctx.load_proto(Rc::new(proto), env)));
    }
    let function = ctx.load(text, chunkname, env).map_err(|e| e.message)?;
    Ok(Value::from(function))
}

/// The error for a chunk starting with `first` that `mode` does not allow.
/// PUC decides this on the first byte.
fn mode_error(first: Option<u8>, mode: &[u8]) -> Option<Vec<u8>> {
    let (kind, needed) = if first == Some(BINARY_SIGNATURE) {
        ("binary", b'b')
    } else {
        ("text", b't')
    };
    if !mode.contains(&needed) {
        let mode = String::from_utf8_lossy(mode);
        return Some(format!("attempt to load a {kind} chunk (mode is '{mode}')").into_bytes());
    }
    None
}

/// Returns `function`, or `fail` (nil) and the message, as `load` does.
fn load_result<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    result: Result<Value<'gc>, Vec<u8>>,
) -> Result<Action<'gc>, Error<'gc>> {
    match result {
        Ok(function) => return_one(call, function),
        Err(message) => return_values(call, [Value::Nil, Value::String(ctx.intern(&message))]),
    }
}

/// The `env` argument at position `arg`, when given (even as nil).
fn env_argument<'gc>(call: &Call<'gc, '_>, arg: usize) -> Option<Value<'gc>> {
    if is_none(call, arg) {
        None
    } else {
        Some(call.get(arg - 1))
    }
}

fn bytes_or<'gc>(s: Option<LuaString<'gc>>, default: &[u8]) -> Vec<u8> {
    s.map_or_else(|| default.to_vec(), |s| s.as_bytes().to_vec())
}

/// Window layout while `load` reads from a function: the four arguments,
/// then the text read so far, as strings of decreasing sizes.
const PIECES: usize = 4;

/// Below this size, the text read is checked for errors at every piece.
const CHECK_EVERY_PIECE: usize = 1024;

/// `load(chunk [, chunkname [, mode [, env]]])`.
pub fn load<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let mode = bytes_or(opt_string(ctx, call, 3)?, b"bt");
    let env = env_argument(call, 4);
    if let Some(text) = to_string_coerced(ctx, call.get(0)) {
        let chunkname = bytes_or(opt_string(ctx, call, 2)?, text.as_bytes());
        let result = load_chunk(ctx, text.as_bytes(), &chunkname, &mode, env);
        return load_result(ctx, call, result);
    }
    opt_string(ctx, call, 2)?;
    check_function(ctx, call, 1)?;
    call.set_len(PIECES)?;
    read_piece(
        call,
        ReaderState {
            pieces: 0,
            env_given: env.is_some(),
        },
    )
}

/// What `load` remembers between calls to its reader.
#[derive(Clone, Copy)]
struct ReaderState {
    pieces: usize,
    /// `env` was passed (the window, padded to four values, cannot tell).
    env_given: bool,
}

impl ReaderState {
    fn pack(self) -> i64 {
        ((self.pieces as i64) << 1) | self.env_given as i64
    }

    fn unpack(state: i64) -> ReaderState {
        ReaderState {
            pieces: (state >> 1) as usize,
            env_given: state & 1 == 1,
        }
    }
}

/// Calls the reader for the next piece (protected: a failing reader makes
/// `load` return its error).
fn read_piece<'gc>(
    call: &mut Call<'gc, '_>,
    state: ReaderState,
) -> Result<Action<'gc>, Error<'gc>> {
    call.push(call.get(0))?;
    Ok(Action::ProtectedCall {
        nargs: 0,
        handler: None,
        then: Continuation::new(piece_read, state.pack()),
    })
}

/// The reader returned (or failed).
fn piece_read<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let state = ReaderState::unpack(state);
    let end = PIECES + state.pieces;
    if let Outcome::Err(error) = outcome {
        return return_values(call, [Value::Nil, error]);
    }
    let piece = call.get(end);
    call.truncate(end);
    let piece = match piece {
        Value::Nil => None,
        other => match to_string_coerced(ctx, other) {
            Some(s) if s.is_empty() => None,
            Some(s) => Some(s),
            None => {
                let mut message = call.where_(1);
                message.extend_from_slice(b"reader function must return a string");
                return load_result(ctx, call, Err(message));
            }
        },
    };
    let chunkname = match call.get(1) {
        Value::Nil => b"=(load)".to_vec(),
        other => to_string_coerced(ctx, other).map_or_else(Vec::new, |s| s.as_bytes().to_vec()),
    };
    let mode = match call.get(2) {
        Value::Nil => b"bt".to_vec(),
        other => to_string_coerced(ctx, other).map_or_else(Vec::new, |s| s.as_bytes().to_vec()),
    };
    if let Some(piece) = piece {
        if state.pieces == 0
            && let Some(message) = mode_error(piece.as_bytes().first().copied(), &mode)
        {
            return load_result(ctx, call, Err(message));
        }
        let piece_len = piece.as_bytes().len();
        call.push(Value::String(piece))?;
        let pieces = merge_pieces(ctx, call, state.pieces + 1);
        let total: usize = call.args()[PIECES..]
            .iter()
            .map(|v| match v {
                Value::String(s) => s.as_bytes().len(),
                _ => 0,
            })
            .sum();
        let before = total - piece_len;
        let check = total < CHECK_EVERY_PIECE || before.leading_zeros() != total.leading_zeros();
        if check {
            let text = text_read(call);
            if text.first() == Some(&BINARY_SIGNATURE) {
                // PUC reads a binary chunk only as far as it needs.
                if let Some(result) = saturn_vm::chunk::undump_prefix(&text, &chunkname) {
                    let env = state.env_given.then(|| call.get(3));
                    let result = result.map(|proto| ctx.load_proto(Rc::new(proto), env).into());
                    return load_result(ctx, call, result);
                }
            } else if let Some(error) = saturn_vm::compile::early_error(&text, &chunkname) {
                return load_result(ctx, call, Err(error.message));
            }
        }
        return read_piece(
            call,
            ReaderState {
                pieces,
                env_given: state.env_given,
            },
        );
    }
    let text = text_read(call);
    let env = state.env_given.then(|| call.get(3));
    let result = load_chunk(ctx, &text, &chunkname, &mode, env);
    load_result(ctx, call, result)
}

/// The text read so far.
fn text_read(call: &Call<'_, '_>) -> Vec<u8> {
    let mut text = Vec::new();
    for value in &call.args()[PIECES..] {
        if let Value::String(s) = value {
            text.extend_from_slice(s.as_bytes());
        }
    }
    text
}

/// Merges the last strings of the text read while the last is at least as
/// long as the one before, so their sizes at least double towards the
/// bottom of the window (a few strings, each byte copied a few times).
/// Returns how many strings are left.
fn merge_pieces<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>, mut pieces: usize) -> usize {
    while pieces >= 2 {
        let end = PIECES + pieces;
        let (Value::String(below), Value::String(last)) = (call.get(end - 2), call.get(end - 1))
        else {
            break;
        };
        if last.as_bytes().len() < below.as_bytes().len() {
            break;
        }
        let mut joined = below.as_bytes().to_vec();
        joined.extend_from_slice(last.as_bytes());
        call.truncate(end - 2);
        // The window had room for both: one more fits.
        let _ = call.push(Value::String(ctx.intern(&joined)));
        pieces -= 1;
    }
    pieces
}

/// Reads a source file as `luaL_loadfilex` does: `None` reads stdin; a
/// first line starting with `#` is dropped (its newline kept, so line
/// numbers stay right), as is a UTF-8 byte-order mark. Returns the text and
/// the chunk name (`@name` or `=stdin`).
pub fn read_source_file(name: Option<&[u8]>) -> Result<(Vec<u8>, Vec<u8>), Vec<u8>> {
    let mut text = Vec::new();
    let chunkname = match name {
        None => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut text)
                .map_err(|e| format!("cannot read stdin: {}", error::message(&e)).into_bytes())?;
            b"=stdin".to_vec()
        }
        Some(name) => {
            let shown = String::from_utf8_lossy(name).into_owned();
            let path = to_path(name);
            let mut file = std::fs::File::open(&path)
                .map_err(|e| format!("cannot open {shown}: {}", error::message(&e)).into_bytes())?;
            file.read_to_end(&mut text)
                .map_err(|e| format!("cannot read {shown}: {}", error::message(&e)).into_bytes())?;
            let mut chunkname = b"@".to_vec();
            chunkname.extend_from_slice(name);
            chunkname
        }
    };
    Ok((strip_preamble(text), chunkname))
}

/// Drops a UTF-8 byte-order mark and a first line starting with `#` (its
/// newline too when a binary chunk follows).
fn strip_preamble(mut text: Vec<u8>) -> Vec<u8> {
    if text.starts_with(b"\xEF\xBB\xBF") {
        text.drain(..3);
    }
    if text.first() == Some(&b'#') {
        let line_end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
        let binary_follows = text.get(line_end + 1) == Some(&BINARY_SIGNATURE);
        text.drain(..line_end + usize::from(binary_follows));
    }
    text
}

/// Loads a file (`None`: stdin) as `loadfile` does.
fn load_file<'gc>(
    ctx: Context<'gc>,
    name: Option<LuaString<'gc>>,
    mode: &[u8],
    env: Option<Value<'gc>>,
) -> Result<Value<'gc>, Vec<u8>> {
    let (text, chunkname) = read_source_file(name.map(|s| s.as_bytes()))?;
    load_chunk(ctx, &text, &chunkname, mode, env)
}

/// `loadfile([filename [, mode [, env]]])`.
pub fn loadfile<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let name = opt_string(ctx, call, 1)?;
    let mode = bytes_or(opt_string(ctx, call, 2)?, b"bt");
    let env = env_argument(call, 3);
    let result = load_file(ctx, name, &mode, env);
    load_result(ctx, call, result)
}

/// `dofile([filename])`: loads the file and calls it, returning its
/// results; errors propagate.
pub fn dofile<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let name = opt_string(ctx, call, 1)?;
    let function = load_file(ctx, name, b"bt", None)
        .map_err(|message| Error::Value(Value::String(ctx.intern(&message))))?;
    call.clear();
    call.push(function)?;
    Ok(Action::Call {
        nargs: 0,
        // PUC calls the chunk with `lua_callk`: it may yield.
        then: Continuation::yieldable(return_everything, 0),
    })
}

fn return_everything<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    Ok(Action::Return(call.len()))
}

#[cfg(test)]
mod tests {
    use super::{ReaderState, strip_preamble};
    use crate::io::error;

    #[test]
    fn a_shebang_line_is_dropped_but_its_newline_kept() {
        assert_eq!(
            strip_preamble(b"#!/usr/bin/lua\nprint(1)".to_vec()),
            b"\nprint(1)"
        );
        assert_eq!(strip_preamble(b"#only a comment".to_vec()), b"");
        assert_eq!(strip_preamble(b"\xEF\xBB\xBF# bom\nx".to_vec()), b"\nx");
        assert_eq!(
            strip_preamble(b"print(1) # not a comment".to_vec()),
            b"print(1) # not a comment"
        );
    }

    #[test]
    fn reader_state_survives_packing() {
        for (pieces, env_given) in [(0, false), (0, true), (12345, true), (7, false)] {
            let s = ReaderState::unpack(ReaderState { pieces, env_given }.pack());
            assert_eq!((s.pieces, s.env_given), (pieces, env_given));
        }
    }

    #[test]
    fn os_errors_read_like_strerror() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(error::message(&e), "No such file or directory");
    }
}
