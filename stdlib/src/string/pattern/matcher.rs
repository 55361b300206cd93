//! The pattern matcher: a backtracking search with PUC Lua's semantics,
//! run on an explicit stack instead of the Rust stack.
//!
//! PUC's `match` recurses at five places: opening a capture, closing one,
//! after `x?`, and in the loops of `x*`/`x+` and `x-`. Each recursive call
//! either succeeds — and then every caller returns its result unchanged —
//! or fails, and its caller undoes or retries something. So a success
//! ends the whole search, and the callers waiting for a failure are the
//! [`Frame`]s of [`Matcher::stack`], each saying what to do if what it
//! called fails. Errors are raised at the same moments as in PUC because
//! the pattern is read lazily, exactly when PUC reads it: `("a"):find("b[")`
//! fails quietly, since no attempt ever reaches the `[`.
//!
//! Two bounds keep every search finite:
//!
//! - depth: at most [`MAX_DEPTH`] nested calls (PUC's `MAXCCALLS`), beyond
//!   which the search fails with "pattern too complex", as PUC does;
//! - work: every item tried at a subject position, call made and byte
//!   compared costs one step from a budget given by the library function
//!   (see [`step_budget`]); when it runs out the search fails with the same
//!   "pattern too complex". PUC has no such bound and would search for
//!   centuries on `string.rep("a*", 30) .. "b"` against thirty thousand
//!   `a`s.

use std::cell::Cell;

use super::PatternError;
use super::class::{ESCAPE, byte_at, class_matches, item_end, set_matches};

/// The most captures a pattern may open (PUC's `LUA_MAXCAPTURES`).
pub const MAX_CAPTURES: usize = 32;

/// The most nested calls of the matcher (PUC's `MAXCCALLS`).
pub const MAX_DEPTH: usize = 200;

/// Steps granted to a search regardless of the subject's length.
const MIN_STEP_BUDGET: u64 = 1 << 22;

/// The work allowed to one call of a library function on a subject of
/// `subject_len` bytes: twice the square of its length, and at least 2^22
/// steps. Searches that are quadratic in PUC, such as `%s*$` over a long
/// run of spaces (about n² steps), still finish as they do there; a search
/// that needs more is almost certainly exponential backtracking, and fails
/// with "pattern too complex" after a few seconds at most for subjects of
/// tens of thousands of bytes (about 4·10⁸ steps per second in a release
/// build).
pub fn step_budget(subject_len: usize) -> u64 {
    let n = subject_len as u64 + 1;
    n.saturating_mul(n).saturating_mul(2).max(MIN_STEP_BUDGET)
}

/// How far a capture got.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Extent {
    /// Opened, not closed yet.
    Unfinished,
    /// A position capture `()`.
    Position,
    /// Closed, this many bytes long.
    Closed(usize),
}

#[derive(Clone, Copy, Debug)]
struct Capture {
    start: usize,
    extent: Extent,
}

/// One capture's value, as the library functions hand it to Lua.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Captured<'s> {
    Text(&'s [u8]),
    /// A position capture: the 1-based position in the subject.
    Position(usize),
}

/// A suspended call of the matcher, waiting for the call it made to fail.
#[derive(Clone, Copy, Debug)]
enum Frame {
    /// It opened the newest capture: forget it.
    Opened,
    /// It closed capture `level`: reopen it.
    Closed { level: usize },
    /// It matched the item of an `x?` once: go on without it, at `at`
    /// with the pattern's `rest`.
    Optional { at: usize, rest: usize },
    /// It took `count` repetitions of an `x*` or `x+` from `base`: try one
    /// fewer, until none is left.
    Greedy {
        base: usize,
        count: usize,
        rest: usize,
    },
    /// It took the repetitions of an `x-` up to `at`: try one more, if the
    /// item (from `item` to `item_end`) matches there.
    Lazy {
        at: usize,
        item: usize,
        item_end: usize,
    },
}

/// What one call of the matcher did.
enum Flow {
    /// It ended: the end of the match, or `None` for a failure.
    Return(Option<usize>),
    /// It suspended itself (a frame was pushed) and the search goes on at
    /// the new position and pattern index.
    Call,
}

thread_local! {
    /// The frame stack of the last matcher dropped on this thread, kept so
    /// that a search (one per `find`, per `gmatch` step) does not allocate
    /// one. It never holds more than [`MAX_DEPTH`] frames.
    static SPARE_STACK: Cell<Vec<Frame>> = const { Cell::new(Vec::new()) };
}

/// A pattern matched against one subject, attempt after attempt.
pub struct Matcher<'s> {
    subject: &'s [u8],
    pattern: &'s [u8],
    /// Captures opened so far (finished or not).
    level: usize,
    captures: [Capture; MAX_CAPTURES],
    stack: Vec<Frame>,
    steps_left: u64,
}

impl<'s> Matcher<'s> {
    /// A matcher of `pattern` (without any `^` anchor, which the caller
    /// handles) against `subject`, allowed `steps` of work in all.
    pub fn new(subject: &'s [u8], pattern: &'s [u8], steps: u64) -> Self {
        Matcher {
            subject,
            pattern,
            level: 0,
            captures: [Capture {
                start: 0,
                extent: Extent::Unfinished,
            }; MAX_CAPTURES],
            stack: SPARE_STACK.take(),
            steps_left: steps,
        }
    }

    /// The subject being matched.
    pub fn subject(&self) -> &'s [u8] {
        self.subject
    }

    /// The steps not used yet.
    pub fn steps_left(&self) -> u64 {
        self.steps_left
    }

    /// Tries to match the pattern starting exactly at `start`; returns
    /// where the match ends.
    pub fn match_at(&mut self, start: usize) -> Result<Option<usize>, PatternError> {
        self.level = 0;
        self.stack.clear();
        let (mut at, mut p) = (start, 0);
        loop {
            match self.run(&mut at, &mut p)? {
                Flow::Call => continue,
                Flow::Return(Some(end)) => {
                    self.stack.clear();
                    return Ok(Some(end));
                }
                Flow::Return(None) => match self.backtrack()? {
                    Some((next_at, next_p)) => (at, p) = (next_at, next_p),
                    None => return Ok(None),
                },
            }
        }
    }

    /// How many values a successful match yields: its captures, or the
    /// whole match when there are none and `whole_match` is wanted
    /// (`find` returns the positions instead).
    pub fn result_count(&self, whole_match: bool) -> usize {
        if self.level == 0 && whole_match {
            1
        } else {
            self.level
        }
    }

    /// Capture `index` (0-based) of the match from `start` to `end`; index
    /// 0 of a pattern without captures is the whole match.
    pub fn capture(
        &self,
        index: usize,
        start: usize,
        end: usize,
    ) -> Result<Captured<'s>, PatternError> {
        if index >= self.level {
            if index != 0 {
                return Err(PatternError::InvalidCaptureIndex(index as i64 + 1));
            }
            return Ok(Captured::Text(&self.subject[start..end]));
        }
        let capture = self.captures[index];
        match capture.extent {
            Extent::Unfinished => Err(PatternError::UnfinishedCapture),
            Extent::Position => Ok(Captured::Position(capture.start + 1)),
            Extent::Closed(len) => Ok(Captured::Text(
                &self.subject[capture.start..capture.start + len],
            )),
        }
    }

    /// Spends `cost` steps of the budget.
    #[inline]
    fn spend(&mut self, cost: u64) -> Result<(), PatternError> {
        match self.steps_left.checked_sub(cost) {
            Some(left) => {
                self.steps_left = left;
                Ok(())
            }
            None => {
                self.steps_left = 0;
                Err(PatternError::TooComplex)
            }
        }
    }

    /// Suspends the running call behind `frame` to make a nested one.
    fn call(&mut self, frame: Frame) -> Result<Flow, PatternError> {
        // The running call and the one it makes are not on the stack.
        if self.stack.len() + 2 > MAX_DEPTH {
            return Err(PatternError::TooComplex);
        }
        self.spend(1)?;
        self.stack.push(frame);
        Ok(Flow::Call)
    }

    /// The byte of the subject at `at`, `0` at the end (PUC reads the
    /// string's terminating NUL there, which `%f` relies on).
    #[inline]
    fn subject_byte(&self, at: usize) -> u8 {
        byte_at(self.subject, at)
    }

    /// Whether the item from `p` to `end` matches the subject byte at `at`.
    fn single_match(&mut self, at: usize, p: usize, end: usize) -> Result<bool, PatternError> {
        self.spend(1)?;
        Ok(self
            .subject
            .get(at)
            .is_some_and(|&c| self.item_matches(c, p, end)))
    }

    /// Whether the item from `p` to `end` matches byte `c`.
    #[inline]
    fn item_matches(&self, c: u8, p: usize, end: usize) -> bool {
        match self.pattern[p] {
            b'.' => true,
            ESCAPE => class_matches(c, byte_at(self.pattern, p + 1)),
            b'[' => set_matches(c, self.pattern, p, end - 1),
            literal => literal == c,
        }
    }

    /// How many times in a row, from `at`, the item from `p` to `end`
    /// matches.
    fn repetitions(&mut self, at: usize, p: usize, end: usize) -> Result<usize, PatternError> {
        let rest = self.subject.get(at..).unwrap_or_default();
        let count = rest
            .iter()
            .take_while(|&&c| self.item_matches(c, p, end))
            .count();
        self.spend(count as u64 + 1)?;
        Ok(count)
    }

    /// One call of PUC's `match`, from subject position `at` and pattern
    /// index `p`, until it ends or makes a nested call (then `at` and `p`
    /// say where the nested call starts).
    fn run(&mut self, at: &mut usize, p: &mut usize) -> Result<Flow, PatternError> {
        let pattern = self.pattern;
        loop {
            if *p == pattern.len() {
                return Ok(Flow::Return(Some(*at)));
            }
            match pattern[*p] {
                b'(' => return self.open_capture(at, p),
                b')' => return self.close_capture(*at, p),
                b'$' if *p + 1 == pattern.len() => {
                    let at_end = *at == self.subject.len();
                    return Ok(Flow::Return(at_end.then_some(*at)));
                }
                ESCAPE if byte_at(pattern, *p + 1) == b'b' => match self.balance(*at, *p + 2)? {
                    Some(end) => {
                        *at = end;
                        *p += 4;
                    }
                    None => return Ok(Flow::Return(None)),
                },
                ESCAPE if byte_at(pattern, *p + 1) == b'f' => {
                    *p += 2;
                    if byte_at(pattern, *p) != b'[' {
                        return Err(PatternError::MissingFrontierBracket);
                    }
                    let end = item_end(pattern, *p)?;
                    let previous = if *at == 0 { 0 } else { self.subject[*at - 1] };
                    let current = self.subject_byte(*at);
                    self.spend(1)?;
                    if set_matches(previous, pattern, *p, end - 1)
                        || !set_matches(current, pattern, *p, end - 1)
                    {
                        return Ok(Flow::Return(None));
                    }
                    *p = end;
                }
                ESCAPE if byte_at(pattern, *p + 1).is_ascii_digit() => {
                    match self.back_reference(*at, byte_at(pattern, *p + 1))? {
                        Some(end) => {
                            *at = end;
                            *p += 2;
                        }
                        None => return Ok(Flow::Return(None)),
                    }
                }
                _ => {
                    if let Some(flow) = self.quantified_item(at, p)? {
                        return Ok(flow);
                    }
                }
            }
        }
    }

    /// A single-character item with its optional quantifier. `None`: the
    /// call goes on (at and p updated); otherwise what the call does.
    fn quantified_item(
        &mut self,
        at: &mut usize,
        p: &mut usize,
    ) -> Result<Option<Flow>, PatternError> {
        let end = item_end(self.pattern, *p)?;
        let quantifier = byte_at(self.pattern, end);
        if !self.single_match(*at, *p, end)? {
            if matches!(quantifier, b'*' | b'?' | b'-') {
                *p = end + 1;
                return Ok(None);
            }
            return Ok(Some(Flow::Return(None)));
        }
        let flow = match quantifier {
            b'?' => {
                let flow = self.call(Frame::Optional {
                    at: *at,
                    rest: end + 1,
                })?;
                *at += 1;
                *p = end + 1;
                flow
            }
            b'+' | b'*' => {
                let base = if quantifier == b'+' { *at + 1 } else { *at };
                let count = self.repetitions(base, *p, end)?;
                let flow = self.call(Frame::Greedy {
                    base,
                    count,
                    rest: end + 1,
                })?;
                *at = base + count;
                *p = end + 1;
                flow
            }
            b'-' => {
                let flow = self.call(Frame::Lazy {
                    at: *at,
                    item: *p,
                    item_end: end,
                })?;
                *p = end + 1;
                flow
            }
            _ => {
                *at += 1;
                *p = end;
                return Ok(None);
            }
        };
        Ok(Some(flow))
    }

    /// `(` or `()`: opens a capture at `at`.
    fn open_capture(&mut self, at: &mut usize, p: &mut usize) -> Result<Flow, PatternError> {
        let (extent, rest) = if byte_at(self.pattern, *p + 1) == b')' {
            (Extent::Position, *p + 2)
        } else {
            (Extent::Unfinished, *p + 1)
        };
        if self.level >= MAX_CAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.captures[self.level] = Capture { start: *at, extent };
        self.level += 1;
        *p = rest;
        self.call(Frame::Opened)
    }

    /// `)`: closes the newest unfinished capture at `at`.
    fn close_capture(&mut self, at: usize, p: &mut usize) -> Result<Flow, PatternError> {
        let level = (0..self.level)
            .rev()
            .find(|&l| self.captures[l].extent == Extent::Unfinished)
            .ok_or(PatternError::InvalidPatternCapture)?;
        let capture = &mut self.captures[level];
        capture.extent = Extent::Closed(at - capture.start);
        *p += 1;
        self.call(Frame::Closed { level })
    }

    /// `%bxy` (its `x` at pattern index `p`): a balanced run from `at`.
    fn balance(&mut self, at: usize, p: usize) -> Result<Option<usize>, PatternError> {
        if p + 1 >= self.pattern.len() {
            return Err(PatternError::MissingBalanceArguments);
        }
        let (open, close) = (self.pattern[p], self.pattern[p + 1]);
        if at >= self.subject.len() || self.subject[at] != open {
            return Ok(None);
        }
        let mut depth = 1;
        for i in at + 1..self.subject.len() {
            self.spend(1)?;
            let c = self.subject[i];
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    /// `%1`–`%9` (`digit`): the text of an earlier, closed capture again.
    fn back_reference(&mut self, at: usize, digit: u8) -> Result<Option<usize>, PatternError> {
        let index = i64::from(digit) - i64::from(b'1');
        let capture = usize::try_from(index)
            .ok()
            .filter(|&i| i < self.level)
            .map(|i| self.captures[i])
            .filter(|c| c.extent != Extent::Unfinished)
            .ok_or(PatternError::InvalidCaptureIndex(index + 1))?;
        // A position capture has no text; PUC's length check fails on it.
        let Extent::Closed(len) = capture.extent else {
            return Ok(None);
        };
        self.spend(1 + len as u64)?;
        let earlier = &self.subject[capture.start..capture.start + len];
        Ok(self.subject[at..].starts_with(earlier).then_some(at + len))
    }

    /// The running call failed: resumes the newest frame that has an
    /// alternative left, undoing the others; `None` when none is left.
    fn backtrack(&mut self) -> Result<Option<(usize, usize)>, PatternError> {
        while let Some(frame) = self.stack.pop() {
            match frame {
                Frame::Opened => self.level -= 1,
                Frame::Closed { level } => self.captures[level].extent = Extent::Unfinished,
                Frame::Optional { at, rest } => return Ok(Some((at, rest))),
                Frame::Greedy { base, count, rest } => {
                    if count > 0 {
                        let count = count - 1;
                        self.call(Frame::Greedy { base, count, rest })?;
                        return Ok(Some((base + count, rest)));
                    }
                }
                Frame::Lazy { at, item, item_end } => {
                    if self.single_match(at, item, item_end)? {
                        let at = at + 1;
                        self.call(Frame::Lazy { at, item, item_end })?;
                        return Ok(Some((at, item_end + 1)));
                    }
                }
            }
        }
        Ok(None)
    }
}

impl Drop for Matcher<'_> {
    fn drop(&mut self) {
        self.stack.clear();
        SPARE_STACK.set(std::mem::take(&mut self.stack));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(subject: &str, pattern: &str) -> Result<Option<(usize, usize)>, PatternError> {
        let mut m = Matcher::new(subject.as_bytes(), pattern.as_bytes(), step_budget(0));
        for start in 0..=subject.len() {
            if let Some(end) = m.match_at(start)? {
                return Ok(Some((start, end)));
            }
        }
        Ok(None)
    }

    #[test]
    fn quantifiers() {
        assert_eq!(find("aaab", "a*b"), Ok(Some((0, 4))));
        assert_eq!(find("aaab", "a-b"), Ok(Some((0, 4))));
        assert_eq!(find("xaaa", "a+"), Ok(Some((1, 4))));
        assert_eq!(find("xaaa", "a-"), Ok(Some((0, 0))));
        assert_eq!(find("ab", "a?b?c?$"), Ok(Some((0, 2))));
        assert_eq!(find("abc", "b%w*$"), Ok(Some((1, 3))));
    }

    #[test]
    fn captures_and_back_references() {
        let mut m = Matcher::new(b"say 'hi' ok", b"(['\"])(.-)%1()", step_budget(0));
        assert_eq!(m.match_at(4), Ok(Some(8)));
        assert_eq!(m.result_count(true), 3);
        assert_eq!(m.capture(1, 4, 8), Ok(Captured::Text(b"hi")));
        assert_eq!(m.capture(2, 4, 8), Ok(Captured::Position(9)));
    }

    #[test]
    fn depth_is_bounded_like_puc() {
        let subject = "a".repeat(300);
        assert!(find(&subject, &"a?".repeat(199)).is_ok());
        assert_eq!(
            find(&subject, &"a?".repeat(200)),
            Err(PatternError::TooComplex)
        );
    }
}
