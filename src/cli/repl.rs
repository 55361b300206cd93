//! The read-eval-print loop, as `lua.c`'s `doREPL`: a line is first tried as
//! an expression (`return <line>;`), then as statements, reading continuation
//! lines while the chunk is incomplete (its syntax error is at `<eof>`).

use saturn_stdlib::base::convert::tostring;
use saturn_vm::compile;
use saturn_vm::error::{ErrorKind, LuaError};
use saturn_vm::state::Stashed;
use saturn_vm::value::Value;

use super::input::LineSource;
use super::{Session, load};

pub(super) fn run(session: &mut Session) {
    let progname = session.progname.take();
    let mut input = LineSource::new();
    while let Some(chunk) = read_chunk(session, &mut input) {
        let result = chunk.and_then(|function| session.call(&function, Vec::new()));
        match result {
            Ok(results) => print_results(session, results),
            Err(error) => {
                session.report(Err(error));
            }
        }
    }
    super::print_line(b"");
    session.progname = progname;
}

/// Reads one complete chunk; `None` at end of input.
fn read_chunk(session: &mut Session, input: &mut LineSource) -> Option<Result<Stashed, LuaError>> {
    let mut line = read_line(session, input, true)?;
    if let Some(expr) = line.strip_prefix(b"=") {
        line = [b"return ".as_slice(), expr].concat();
    }
    let mut as_expression = b"return ".to_vec();
    as_expression.extend_from_slice(&line);
    as_expression.push(b';');
    if let Ok(function) = load(&session.lua, &as_expression, b"=stdin") {
        return Some(Ok(function));
    }
    loop {
        match compile::load_text(&line, b"=stdin") {
            Err(error) if error.incomplete => match read_line(session, input, false) {
                Some(more) => {
                    line.push(b'\n');
                    line.extend_from_slice(&more);
                }
                None => return Some(Err(LuaError::new(ErrorKind::Syntax, error.message))),
            },
            _ => return Some(load(&session.lua, &line, b"=stdin")),
        }
    }
}

/// Shows the prompt (`_PROMPT`/`_PROMPT2` when set) and reads a line without
/// its newline.
/// A prompt that is not a string is converted as `tostring` does (its
/// `__tostring` is called); if that fails, the error is reported and input
/// ends.
fn read_line(session: &mut Session, input: &mut LineSource, first: bool) -> Option<Vec<u8>> {
    let (global, default) = if first {
        ("_PROMPT", "> ")
    } else {
        ("_PROMPT2", ">> ")
    };
    let is_set = session.lua.enter(|ctx| !ctx.get_global(global).is_nil());
    if !is_set {
        return input.read_line(default.as_bytes());
    }
    let converted = session.lua.call_with(
        |ctx| (ctx.native(tostring), vec![ctx.get_global(global)]),
        |_, results| match results.first() {
            Some(Value::String(s)) => s.as_bytes().to_vec(),
            _ => default.as_bytes().to_vec(),
        },
    );
    match converted {
        Ok(prompt) => input.read_line(&prompt),
        Err(error) => {
            session.report(Err(error));
            None
        }
    }
}

/// Prints the results of an evaluated line with the global `print`.
fn print_results(session: &mut Session, results: Vec<Stashed>) {
    if results.is_empty() {
        return;
    }
    let outcome = session.lua.call_with(
        |ctx| {
            let print = ctx.get_global("print");
            (print, results.iter().map(|r| ctx.fetch(r)).collect())
        },
        |_, _| (),
    );
    if let Err(error) = outcome {
        let mut message = b"error calling 'print' (".to_vec();
        message.extend_from_slice(&error.message);
        message.push(b')');
        session.report(Err(LuaError::new(ErrorKind::Runtime, message)));
    }
}
