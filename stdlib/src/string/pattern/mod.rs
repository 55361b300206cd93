//! Lua patterns (manual §6.4.1) and the string functions that use them.
//!
//! - [`class`] reads single-character items (`.`, `%a`, sets);
//! - [`matcher`] is the backtracking matcher, bounded in depth and work,
//!   that never recurses on the Rust stack;
//! - [`find`] holds `string.find` and `string.match`;
//! - [`gmatch`] holds `string.gmatch`;
//! - [`gsub`] holds `string.gsub`.

pub mod class;
pub mod find;
pub mod gmatch;
pub mod gsub;
pub mod matcher;

use saturn_vm::executor::{Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use matcher::{Captured, Matcher};

/// Everything that can be wrong with a pattern, or with using one, worded
/// as PUC Lua words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternError {
    EndsWithEscape,
    MissingBracket,
    MissingFrontierBracket,
    MissingBalanceArguments,
    /// `%n` names a capture that does not exist or is still open (the
    /// number is `n`).
    InvalidCaptureIndex(i64),
    /// A `)` with no open capture.
    InvalidPatternCapture,
    /// A capture still open when the match ended.
    UnfinishedCapture,
    TooManyCaptures,
    /// Too deep (PUC's limit) or too much work (Saturn's, see
    /// [`matcher::step_budget`]).
    TooComplex,
}

impl PatternError {
    pub fn message(self) -> String {
        match self {
            PatternError::EndsWithEscape => "malformed pattern (ends with '%')".to_string(),
            PatternError::MissingBracket => "malformed pattern (missing ']')".to_string(),
            PatternError::MissingFrontierBracket => "missing '[' after '%f' in pattern".to_string(),
            PatternError::MissingBalanceArguments => {
                "malformed pattern (missing arguments to '%b')".to_string()
            }
            PatternError::InvalidCaptureIndex(n) => format!("invalid capture index %{n}"),
            PatternError::InvalidPatternCapture => "invalid pattern capture".to_string(),
            PatternError::UnfinishedCapture => "unfinished capture".to_string(),
            PatternError::TooManyCaptures => "too many captures".to_string(),
            PatternError::TooComplex => "pattern too complex".to_string(),
        }
    }
}

impl From<PatternError> for Error<'_> {
    fn from(error: PatternError) -> Self {
        Error::runtime(error.message())
    }
}

/// A capture as a Lua value: a string, or an integer for a position.
fn capture_value<'gc>(ctx: Context<'gc>, captured: Captured<'_>) -> Value<'gc> {
    match captured {
        Captured::Text(text) => Value::String(ctx.intern(text)),
        Captured::Position(position) => Value::Integer(position as i64),
    }
}

/// Pushes the values of the match from `start` to `end` on the window:
/// its captures, or the whole match when it has none and `whole_match`
/// is set. Returns how many were pushed.
fn push_captures<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    matcher: &Matcher<'_>,
    whole_match: bool,
    start: usize,
    end: usize,
) -> Result<usize, Error<'gc>> {
    let count = matcher.result_count(whole_match);
    if !call.check_stack(count) {
        return Err(Error::runtime("stack overflow (too many captures)"));
    }
    for index in 0..count {
        let captured = matcher.capture(index, start, end)?;
        call.push(capture_value(ctx, captured))?;
    }
    Ok(count)
}
