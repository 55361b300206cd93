//! `string.gsub(s, pattern, repl [, n])`: the subject with (the first `n`)
//! matches replaced, and the number of matches.
//!
//! `repl` is a string (with `%0`–`%9` and `%%`), a table indexed by the
//! first capture, or a function called with all captures. A function, or
//! an `__index` function of the table, is called through the executor, so
//! it may yield: the substitution's progress then waits in a userdata in
//! the window ([`STATE`]) and [`replaced`] takes over when the call
//! returns. A string, or a table answering without a call, never leaves
//! the loop.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::userdata::UserData;
use saturn_vm::value::Value;

use super::class::{ESCAPE, byte_at};
use super::find::split_anchor;
use super::matcher::{Captured, Matcher, step_budget};
use super::{capture_value, push_captures};
use crate::args::{check_string, opt_integer, to_string_coerced, type_error};
use crate::buffer::append;
use crate::lookup::{self, Lookup};
use crate::results::return_values;

/// Window slots: the subject and pattern (as strings), the replacement,
/// the maximum count (read once), the progress userdata while a call is
/// under way, then the function being called and its arguments.
const SUBJECT: usize = 0;
const PATTERN: usize = 1;
const REPLACEMENT: usize = 2;
const STATE: usize = 4;
const CALLEE: usize = 5;

/// How far a substitution got.
#[derive(Default)]
struct Substitution {
    /// The result so far.
    output: Vec<u8>,
    /// Where the next match is tried.
    position: usize,
    /// Where the last match ended: an empty match there is not a match.
    last_match: Option<usize>,
    count: i64,
    max: i64,
    /// Whether any replacement changed the text (if none did, the subject
    /// itself is returned).
    changed: bool,
    anchored: bool,
    steps_left: u64,
    /// The match whose replacement a Lua call is computing.
    pending: (usize, usize),
}

/// What the substitution loop stopped for.
enum Stop<'gc> {
    Finished,
    /// A function is on the window with its arguments.
    Calling(Action<'gc>),
}

/// `string.gsub(s, pattern, repl [, n])`.
pub fn gsub<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let subject = check_string(ctx, call, 1)?;
    let pattern = check_string(ctx, call, 2)?;
    let replacement = call.get(REPLACEMENT);
    let max = opt_integer(ctx, call, 4, subject.len() as i64 + 1)?;
    let replacement = match replacement {
        Value::Table(_) | Value::LuaFunction(_) | Value::NativeFunction(_) => replacement,
        _ => match to_string_coerced(ctx, replacement) {
            Some(text) => Value::String(text),
            None => return Err(type_error(ctx, call, 3, "string/function/table")),
        },
    };
    call.set_len(CALLEE)?;
    call.set(SUBJECT, Value::String(subject))?;
    call.set(PATTERN, Value::String(pattern))?;
    call.set(REPLACEMENT, replacement)?;
    call.set(STATE, Value::Nil)?;
    let mut substitution = Substitution {
        max,
        anchored: split_anchor(pattern.as_bytes()).0,
        steps_left: step_budget(subject.len()),
        ..Substitution::default()
    };
    match substitute(ctx, call, &mut substitution)? {
        Stop::Finished => finish(ctx, call, substitution),
        Stop::Calling(action) => {
            let state = UserData::new(ctx.mc, Box::new(substitution));
            call.set(STATE, Value::UserData(state))?;
            Ok(action)
        }
    }
}

/// Runs the substitution loop until the end or a call to Lua.
fn substitute<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    sub: &mut Substitution,
) -> Result<Stop<'gc>, Error<'gc>> {
    let (Value::String(subject), Value::String(pattern)) = (call.get(SUBJECT), call.get(PATTERN))
    else {
        return Err(Error::runtime("gsub lost its subject"));
    };
    let subject = subject.as_bytes();
    let pattern = split_anchor(pattern.as_bytes()).1;
    let replacement = call.get(REPLACEMENT);
    let mut matcher = Matcher::new(subject, pattern, sub.steps_left);
    while sub.count < sub.max {
        let start = sub.position;
        let found = matcher.match_at(start);
        sub.steps_left = matcher.steps_left();
        match found? {
            Some(end) if sub.last_match != Some(end) => {
                sub.count += 1;
                sub.position = end;
                sub.last_match = Some(end);
                match replacement {
                    Value::String(text) => {
                        expand(ctx, &matcher, text, start, end, &mut sub.output)?;
                        sub.changed = true;
                    }
                    Value::Table(table) => {
                        let key = capture_value(ctx, matcher.capture(0, start, end)?);
                        match lookup::index(ctx, Value::Table(table), key)? {
                            Lookup::Found(value) => {
                                sub.add_value(ctx, value, &subject[start..end])?
                            }
                            Lookup::CallHandler { handler, object } => {
                                sub.pending = (start, end);
                                call.truncate(CALLEE);
                                call.extend([handler, object, key])?;
                                return Ok(Stop::Calling(Action::Call {
                                    nargs: 2,
                                    then: Continuation::new(replaced, 0),
                                }));
                            }
                        }
                    }
                    function => {
                        sub.pending = (start, end);
                        call.truncate(CALLEE);
                        call.push(function)?;
                        let nargs = push_captures(ctx, call, &matcher, true, start, end)?;
                        return Ok(Stop::Calling(Action::Call {
                            nargs,
                            then: Continuation::new(replaced, 0),
                        }));
                    }
                }
            }
            _ if start < subject.len() => {
                append(ctx, &mut sub.output, &subject[start..start + 1])?;
                sub.position += 1;
            }
            _ => break,
        }
        if sub.anchored {
            break;
        }
    }
    Ok(Stop::Finished)
}

/// A replacement function (or `__index` handler) returned: its first
/// result replaces the pending match, then the loop goes on.
fn replaced<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let value = call.get(CALLEE);
    call.truncate(CALLEE);
    let (Value::UserData(state), Value::String(subject)) = (call.get(STATE), call.get(SUBJECT))
    else {
        return Err(Error::runtime("gsub lost its state"));
    };
    let Some(mut sub) = state.downcast_mut::<Substitution>(ctx.mc) else {
        return Err(Error::runtime("gsub lost its state"));
    };
    let (start, end) = sub.pending;
    sub.add_value(ctx, value, &subject.as_bytes()[start..end])?;
    if !sub.anchored
        && let Stop::Calling(action) = substitute(ctx, call, &mut sub)?
    {
        return Ok(action);
    }
    let sub = std::mem::take(&mut *sub);
    finish(ctx, call, sub)
}

impl Substitution {
    /// Adds what a function or table gave for the match `original`: false
    /// or nil keep the original text.
    fn add_value<'gc>(
        &mut self,
        ctx: Context<'gc>,
        value: Value<'gc>,
        original: &[u8],
    ) -> Result<(), Error<'gc>> {
        match value {
            Value::String(text) => append(ctx, &mut self.output, text.as_bytes())?,
            Value::Integer(_) | Value::Number(_) => {
                let mut text = Vec::new();
                value.push_str_form(&mut text);
                append(ctx, &mut self.output, &text)?;
            }
            _ if value.is_falsy() => return append(ctx, &mut self.output, original),
            _ => {
                return Err(Error::runtime(format!(
                    "invalid replacement value (a {})",
                    value.type_name()
                )));
            }
        }
        self.changed = true;
        Ok(())
    }
}

/// Adds the replacement string `text` for the match from `start` to
/// `end`: `%0` is the whole match, `%1`–`%9` a capture, `%%` a `%`.
fn expand<'gc>(
    ctx: Context<'gc>,
    matcher: &Matcher<'_>,
    text: LuaString<'gc>,
    start: usize,
    end: usize,
    output: &mut Vec<u8>,
) -> Result<(), Error<'gc>> {
    let mut rest = text.as_bytes();
    while let Some(escape) = rest.iter().position(|&b| b == ESCAPE) {
        append(ctx, output, &rest[..escape])?;
        match byte_at(rest, escape + 1) {
            ESCAPE => append(ctx, output, b"%")?,
            digit @ b'0'..=b'9' => {
                let index = if digit == b'0' {
                    None
                } else {
                    Some(usize::from(digit - b'1'))
                };
                let captured = match index {
                    None => Captured::Text(&matcher.subject()[start..end]),
                    Some(index) => matcher.capture(index, start, end)?,
                };
                match captured {
                    Captured::Text(bytes) => append(ctx, output, bytes)?,
                    Captured::Position(position) => {
                        append(ctx, output, position.to_string().as_bytes())?
                    }
                }
            }
            _ => {
                return Err(Error::runtime("invalid use of '%' in replacement string"));
            }
        }
        rest = rest.get(escape + 2..).unwrap_or_default();
    }
    append(ctx, output, rest)
}

/// Returns the result and the count: the subject itself when nothing
/// changed.
fn finish<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    mut sub: Substitution,
) -> Result<Action<'gc>, Error<'gc>> {
    let subject = call.get(SUBJECT);
    let result = match subject {
        Value::String(text) if sub.changed => {
            append(ctx, &mut sub.output, &text.as_bytes()[sub.position..])?;
            Value::String(ctx.intern(&sub.output))
        }
        _ => subject,
    };
    return_values(call, [result, Value::Integer(sub.count)])
}
