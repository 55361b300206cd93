//! Debug hooks (`debug.sethook`): call, return, line and count events.
//!
//! Each thread has its own [`HookState`]. A hook function is called through
//! the VM like any other function — its frame is pushed above the hooked
//! frame with [`Ret::Hook`] — so a hook never grows the Rust stack, may be a
//! Lua or a native function, and may even yield. While a hook runs, hooks
//! are off for its thread (`allowed`), as PUC's `allowhook`.
//!
//! Hooks cost nothing when none is set: the executor runs the interpreter's
//! `HOOKED` variant only for a thread whose mask is not zero, and only that
//! variant looks at the hook state before each instruction and at returns.
//! The places shared by both variants (`precall`, the return of a native)
//! test the mask once, off the Lua-to-Lua fast paths.
//!
//! Events follow PUC Lua 5.4 (`ldo.c`, `ldebug.c`):
//!
//! - *call*: entering a function (a Lua function announces it before its
//!   first instruction, or after `VARARGPREP` for a vararg function; a
//!   native before it runs). A Lua function entered by a tail call reports
//!   `"tail call"`.
//! - *return*: leaving a function, with its results in place (getinfo `r`).
//! - *line*: before an instruction on a new line, after a backward jump, and
//!   at a function's first instruction.
//! - *count*: every `count` instructions.
//!
//! After a hook returns, the interrupted instruction (or return) resumes
//! without announcing itself again: `resume` remembers which event the last
//! hook reported.

use gc_arena::Collect;

use crate::closure::{Native, NativeCode};
use crate::executor::{Action, Call, Continuation, Error, Outcome, invoke_native};
use crate::interp::{Called, do_return, precall};
use crate::state::Context;
use crate::thread::{Catch, EXTRA_STACK, Frame, NativeFrame, Ret, Thread, ThreadState};
use crate::value::Value;

/// Mask bits, as PUC's `LUA_MASKCALL` etc.
pub const MASK_CALL: u8 = 1;
pub const MASK_RETURN: u8 = 2;
pub const MASK_LINE: u8 = 4;
pub const MASK_COUNT: u8 = 8;

/// No frame index.
const NONE: usize = usize::MAX;

/// What a hook is told happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum HookEvent {
    Call,
    TailCall,
    Return,
    Line,
    Count,
}

impl HookEvent {
    /// The name the hook function receives.
    pub fn name(self) -> &'static str {
        match self {
            HookEvent::Call => "call",
            HookEvent::TailCall => "tail call",
            HookEvent::Return => "return",
            HookEvent::Line => "line",
            HookEvent::Count => "count",
        }
    }
}

/// The hook running on a thread, and what to restore when it returns.
#[derive(Clone, Copy, Debug, Collect)]
#[collect(require_static)]
struct Running {
    event: HookEvent,
    /// Index of the hooked frame.
    frame: usize,
    /// The hooked Lua frame's `pc` to restore (the instruction to resume).
    resume_pc: Option<usize>,
    /// getinfo `r` of the hooked frame: first value and count.
    transfer: (usize, usize),
}

/// A thread's hook settings and the bookkeeping of line events.
#[derive(Collect)]
#[collect(no_drop)]
pub struct HookState<'gc> {
    /// The hook function (nil: none).
    pub function: Value<'gc>,
    mask: u8,
    /// The count given to `set`, and the instructions left before the
    /// next count event.
    count: i32,
    countdown: i32,
    /// Hooks are off while a hook runs.
    allowed: bool,
    /// The last instruction traced for line events and its frame.
    old_pc: usize,
    old_frame: usize,
    /// A Lua frame just entered whose call event is still due.
    fresh: usize,
    /// The hook being run, if any.
    running: Option<Running>,
    /// The next instruction runs again after a `__close` call made by it:
    /// it was already traced.
    retraced: bool,
    /// The event the last hook reported; the interrupted instruction or
    /// return goes on without announcing it again.
    resume: Option<HookEvent>,
}

impl<'gc> Default for HookState<'gc> {
    fn default() -> Self {
        HookState {
            function: Value::Nil,
            mask: 0,
            count: 0,
            countdown: 0,
            allowed: true,
            old_pc: 0,
            old_frame: NONE,
            fresh: NONE,
            running: None,
            retraced: false,
            resume: None,
        }
    }
}

impl<'gc> HookState<'gc> {
    /// Installs a hook (PUC's `lua_sethook`): a nil function or an empty
    /// mask turns hooks off.
    pub fn set(&mut self, function: Value<'gc>, mask: u8, count: i32) {
        let (function, mask) = if function.is_nil() || mask == 0 {
            (Value::Nil, 0)
        } else {
            (function, mask)
        };
        self.function = function;
        self.mask = mask;
        self.count = count;
        self.countdown = count;
        if self.allowed {
            // The caller's next instruction compares its line with the
            // call's (PUC's return hook bookkeeping, `rethook`). Inside a
            // hook, the hooked frame keeps its own.
            self.old_frame = NONE;
            self.fresh = NONE;
            self.resume = None;
        }
    }

    /// The hook settings a thread created by this one starts with (PUC's
    /// `lua_newthread`): the same mask and count, but no hook function —
    /// PUC copies its C hook, which looks the Lua hook up per thread, finds
    /// none and does nothing, while `debug.gethook` still reports the mask.
    pub fn inherited(&self) -> HookState<'gc> {
        HookState {
            mask: self.mask,
            count: self.count,
            countdown: self.count,
            ..HookState::default()
        }
    }

    /// The event mask (`MASK_*` bits).
    pub fn mask(&self) -> u8 {
        self.mask
    }

    /// The count given to `set`.
    pub fn count(&self) -> i32 {
        self.count
    }

    /// Whether any hook is set.
    #[inline]
    pub fn is_set(&self) -> bool {
        self.mask != 0
    }

    /// getinfo `r` for frame `index`: the values a call or return hook
    /// running for it may inspect (`(0, 0)` otherwise).
    pub fn transfer(&self, index: usize) -> (usize, usize) {
        match self.running {
            Some(r) if r.frame == index => r.transfer,
            _ => (0, 0),
        }
    }

    fn active(&self, bit: u8) -> bool {
        self.allowed && self.mask & bit != 0 && self.calls_something()
    }

    /// Whether events call a function: an inherited mask (see
    /// [`HookState::inherited`]) has none to call.
    fn calls_something(&self) -> bool {
        !self.function.is_nil()
    }

    /// Frames from `keep` up are being discarded (an error unwinds, a
    /// coroutine is closed): a hook among them will not return.
    pub(crate) fn discard_frames(&mut self, frames: &[Frame<'gc>], keep: usize) {
        let hook_lost = frames.iter().skip(keep).any(|f| {
            matches!(f, Frame::Lua(f) if f.ret == Ret::Hook)
                || matches!(f, Frame::Native(f) if f.ret == Ret::Hook)
        });
        if hook_lost {
            self.allowed = true;
            self.running = None;
            self.resume = None;
        }
        if self.fresh != NONE && self.fresh >= keep {
            self.fresh = NONE;
        }
    }

    /// A new execution starts on the thread: no hook is running.
    pub(crate) fn restart(&mut self) {
        self.allowed = true;
        self.running = None;
        self.resume = None;
        self.fresh = NONE;
        self.old_frame = NONE;
    }
}

/// `precall` pushed a Lua frame: its call event is due before its first
/// instruction.
#[cold]
#[inline(never)]
pub(crate) fn entered_lua(ts: &mut ThreadState<'_>) {
    if ts.hook.allowed {
        ts.hook.fresh = ts.frames.len() - 1;
    }
}

/// What a hook call announces.
struct Announcement {
    event: HookEvent,
    /// The new line (line events).
    line: Option<u32>,
    /// getinfo `r`: first value and count.
    transfer: (usize, usize),
    /// The hooked Lua frame resumes at this instruction.
    resume_pc: Option<usize>,
    /// End of the hooked frame's live values (a return's results).
    live_end: usize,
}

impl Announcement {
    fn new(event: HookEvent) -> Self {
        Announcement {
            event,
            line: None,
            transfer: (0, 0),
            resume_pc: None,
            live_end: 0,
        }
    }
}

/// Calls the hook on behalf of the frame on top. The hook's frame goes
/// above the hooked frame's live values.
fn fire<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    what: Announcement,
    yieldable: bool,
) -> Result<Called<'gc>, Value<'gc>> {
    let Announcement {
        event,
        line,
        transfer,
        resume_pc,
        live_end,
    } = what;
    let frame = ts.frames.len() - 1;
    let slot = match &mut ts.frames[frame] {
        Frame::Lua(f) => {
            if let Some(pc) = resume_pc {
                // As PUC, the hooked frame's current instruction is the one
                // being announced (`pc` points past it).
                f.pc = pc + 1;
            }
            (f.stack_end - EXTRA_STACK).max(f.top).max(live_end)
        }
        _ => ts.stack.len(),
    };
    // PUC's hook dispatcher keeps its hook table in the slot below the
    // hook function: one more temporary is visible to `getlocal`.
    let slot = slot + 1;
    let transfer = if transfer.1 == 0 { (0, 0) } else { transfer };
    ts.hook.allowed = false;
    ts.hook.running = Some(Running {
        event,
        frame,
        resume_pc,
        transfer,
    });
    let line = line.map_or(Value::Nil, |l| Value::Integer(l as i64));
    let args = [
        ts.hook.function,
        Value::String(ctx.intern(event.name().as_bytes())),
        line,
    ];
    let result = if ts.ensure_stack(slot + args.len()).is_err() {
        Err(crate::interp::runtime_error(ctx, ts, "stack overflow"))
    } else {
        ts.stack[slot - 1] = Value::Nil;
        ts.stack[slot..slot + args.len()].copy_from_slice(&args);
        precall(ctx, thread, ts, slot, 2, 0, Ret::Hook, yieldable)
    };
    if result.is_err() {
        ts.hook.allowed = true;
        ts.hook.running = None;
        if let (Some(pc), Some(Frame::Lua(f))) = (resume_pc, ts.frames.get_mut(frame)) {
            f.pc = pc;
        }
    }
    result
}

/// A hook function returned (its frame is popped, its results dropped):
/// hooks are on again and the hooked frame resumes where it was.
#[cold]
#[inline(never)]
pub(crate) fn hook_returned(ts: &mut ThreadState<'_>) {
    let Some(running) = ts.hook.running.take() else {
        return;
    };
    ts.hook.allowed = true;
    ts.hook.resume = match running.event {
        HookEvent::Call | HookEvent::TailCall => None,
        event => Some(event),
    };
    if ts.frames.len() == running.frame + 1
        && let Some(Frame::Lua(f)) = ts.frames.last_mut()
    {
        if let Some(pc) = running.resume_pc {
            f.pc = pc;
            // As in PUC, the hook's return makes the interrupted
            // instruction the last one traced: after a count hook, its
            // line is announced again.
            ts.hook.old_pc = pc;
            ts.hook.old_frame = running.frame;
        }
        let need = f.stack_end;
        if ts.stack.len() < need {
            ts.stack.resize(need, Value::Nil);
        }
    }
}

/// The HOOKED interpreter's check before instruction `pc` of the Lua frame
/// on top (PUC's `luaG_tracecall` and `luaG_traceexec`). `None`: run the
/// instruction; otherwise a hook was called.
#[cold]
#[inline(never)]
pub(crate) fn trace<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    pc: usize,
    yieldable: bool,
) -> Option<Result<Called<'gc>, Value<'gc>>> {
    let hook = &mut ts.hook;
    if std::mem::take(&mut hook.retraced) || !hook.allowed {
        return None;
    }
    // The event of a hook that just returned is consumed even when that
    // hook turned hooks off.
    let skip_count = match hook.resume {
        // The return announced itself; the return instruction runs again.
        Some(HookEvent::Return) => return None,
        Some(HookEvent::Line) => {
            hook.resume = None;
            return None;
        }
        Some(HookEvent::Count) => {
            hook.resume = None;
            true
        }
        _ => false,
    };
    if hook.mask == 0 || !hook.calls_something() {
        return None;
    }
    let index = ts.frames.len() - 1;
    let Some(Frame::Lua(frame)) = ts.frames.last() else {
        return None;
    };
    let proto = &frame.closure.proto.proto;
    if pc == 0 && proto.is_vararg {
        // Hooks start after `VARARGPREP` (see `vararg_entered`).
        return None;
    }
    if hook.fresh == index {
        hook.fresh = NONE;
        hook.old_frame = index;
        hook.old_pc = 0;
        if hook.mask & MASK_CALL != 0 {
            let event = if frame.tail {
                HookEvent::TailCall
            } else {
                HookEvent::Call
            };
            let nparams = proto.num_params as usize;
            return Some(fire(
                ctx,
                thread,
                ts,
                Announcement {
                    transfer: (1, nparams),
                    resume_pc: Some(pc),
                    ..Announcement::new(event)
                },
                yieldable,
            ));
        }
    }
    if !skip_count && hook.mask & MASK_COUNT != 0 {
        hook.countdown -= 1;
        if hook.countdown == 0 {
            hook.countdown = hook.count;
            return Some(fire(
                ctx,
                thread,
                ts,
                Announcement {
                    resume_pc: Some(pc),
                    ..Announcement::new(HookEvent::Count)
                },
                yieldable,
            ));
        }
    }
    if hook.mask & MASK_LINE != 0 {
        let old = if hook.old_frame == index {
            hook.old_pc
        } else if hook.old_frame > index {
            // Back from a call: the previous instruction made it.
            pc.saturating_sub(1)
        } else {
            0
        };
        let old = if old < proto.code.len() { old } else { 0 };
        hook.old_pc = pc;
        hook.old_frame = index;
        if pc <= old || changed_line(proto, old, pc) {
            let line = proto.line_at(pc);
            return Some(fire(
                ctx,
                thread,
                ts,
                Announcement {
                    line,
                    resume_pc: Some(pc),
                    ..Announcement::new(HookEvent::Line)
                },
                yieldable,
            ));
        }
    }
    None
}

/// The instruction about to run again was already traced (it called a
/// `__close` handler and continues).
pub(crate) fn retrace(ts: &mut ThreadState<'_>) {
    ts.hook.retraced = true;
}

/// Whether instructions `old` and `new` are on different lines (never,
/// without line information).
fn changed_line(proto: &crate::bytecode::Proto, old: usize, new: usize) -> bool {
    match (proto.line_at(old), proto.line_at(new)) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    }
}

/// A vararg function finished `VARARGPREP` (the top frame's `pc` is 1):
/// its call event is due now, and its next instruction is a new line.
#[cold]
#[inline(never)]
pub(crate) fn vararg_entered<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    yieldable: bool,
) -> Option<Result<Called<'gc>, Value<'gc>>> {
    let index = ts.frames.len() - 1;
    let hook = &mut ts.hook;
    if !hook.allowed || hook.fresh != index {
        return None;
    }
    hook.fresh = NONE;
    hook.old_frame = index;
    hook.old_pc = 1;
    if hook.mask & MASK_CALL == 0 || !hook.calls_something() {
        return None;
    }
    let Some(Frame::Lua(frame)) = ts.frames.last() else {
        return None;
    };
    let event = if frame.tail {
        HookEvent::TailCall
    } else {
        HookEvent::Call
    };
    let nparams = frame.closure.proto.num_params as usize;
    Some(fire(
        ctx,
        thread,
        ts,
        Announcement {
            transfer: (1, nparams),
            resume_pc: Some(1),
            ..Announcement::new(event)
        },
        yieldable,
    ))
}

/// The HOOKED interpreter is about to return `n` values found at `first`
/// from the Lua frame on top (the return instruction is at `pc - 1`).
#[cold]
#[inline(never)]
pub(crate) fn before_lua_return<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    first: usize,
    n: usize,
    pc: usize,
    yieldable: bool,
) -> Option<Result<Called<'gc>, Value<'gc>>> {
    if ts.hook.resume == Some(HookEvent::Return) {
        ts.hook.resume = None;
        return None;
    }
    if !ts.hook.active(MASK_RETURN) {
        return None;
    }
    let Some(Frame::Lua(frame)) = ts.frames.last() else {
        return None;
    };
    // Results are numbered as locals, from the (virtual) function slot.
    let transfer = (first + 1 - frame.base, n);
    Some(fire(
        ctx,
        thread,
        ts,
        Announcement {
            transfer,
            resume_pc: Some(pc - 1),
            live_end: first + n,
            ..Announcement::new(HookEvent::Return)
        },
        yieldable,
    ))
}

/// `precall` of a native function on a thread with hooks set: the call
/// event before it runs, the return event after.
#[allow(clippy::too_many_arguments)]
#[cold]
#[inline(never)]
pub(crate) fn call_native<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    native: Native<'gc>,
    func: usize,
    nargs: usize,
    nresults: i32,
    ret: Ret,
    yieldable: bool,
) -> Result<Called<'gc>, Value<'gc>> {
    let c_level = ts.next_c_level();
    let call_hook = ts.hook.active(MASK_CALL);
    ts.frames.push(Frame::Native(NativeFrame {
        native,
        func,
        base: func + 1,
        nresults,
        ret,
        then: call_hook.then(|| Continuation::new(start_native, 0)),
        catch: Catch::No,
        call_level: 0,
        error: None,
        tail: false,
        c_level,
    }));
    if call_hook {
        let called = fire(
            ctx,
            thread,
            ts,
            Announcement {
                transfer: (1, nargs),
                ..Announcement::new(HookEvent::Call)
            },
            yieldable,
        )?;
        return Ok(pending(called));
    }
    let frame = ts.frames.len() - 1;
    match invoke_native(ctx, thread, ts, frame, yieldable)? {
        Action::Return(n) => {
            let n = n.min(ts.stack.len() - (func + 1));
            native_return(ctx, thread, ts, n, yieldable)
        }
        action => Ok(Called::Action(action)),
    }
}

/// The hook's call was started: when it returned at once, the hooked
/// native frame on top still waits (it has a continuation to run).
fn pending(called: Called<'_>) -> Called<'_> {
    match called {
        Called::Returned(_) => Called::Lua,
        other => other,
    }
}

/// The native frame on top returns its top `n` values: the return event
/// first, when due.
#[cold]
#[inline(never)]
pub(crate) fn native_return<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    n: usize,
    yieldable: bool,
) -> Result<Called<'gc>, Value<'gc>> {
    if ts.hook.resume == Some(HookEvent::Return) {
        ts.hook.resume = None;
    } else if ts.hook.active(MASK_RETURN) {
        {
            let first = ts.stack.len() - n;
            let func = match ts.frames.last_mut() {
                Some(Frame::Native(f)) => {
                    f.then = Some(Continuation::new(finish_return, n as i64));
                    f.func
                }
                _ => unreachable!("a native frame returns"),
            };
            let called = fire(
                ctx,
                thread,
                ts,
                Announcement {
                    transfer: (first - func, n),
                    ..Announcement::new(HookEvent::Return)
                },
                yieldable,
            )?;
            return Ok(pending(called));
        }
    }
    let first = ts.stack.len() - n;
    Ok(Called::Returned(do_return(ctx, ts, first, n)))
}

/// Runs a native whose call event was announced.
fn start_native<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match &call.native().code {
        NativeCode::Fn(f) => f(ctx, call),
        NativeCode::Closure(f) => {
            let f = f.clone();
            f(ctx, call)
        }
    }
}

/// Returns the `n` results of a native whose return event was announced.
fn finish_return<'gc>(
    _: Context<'gc>,
    _: &mut Call<'gc, '_>,
    _: Outcome<'gc>,
    n: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    Ok(Action::Return(n as usize))
}
