//! Lua threads: a value stack, call frames, open upvalues and to-be-closed
//! variables. Coroutines are threads; the main thread is one too.
//!
//! A thread's stack holds every frame's registers. A Lua frame owns
//! `stack[base .. base + max_stack]` (its varargs sit just below `base`); a
//! native frame owns the *window* `stack[base ..]` up to the stack's end, so
//! its arguments, its scratch values and its results are simply the values in
//! that window. Results of any call are written at the callee's function slot
//! (`func`), as in PUC Lua.

use gc_arena::{Collect, Gc, Lock, Mutation, RefLock};

use crate::closure::{LuaClosure, Native, UpValue, UpValueState};
use crate::executor::Continuation;
use crate::hook::HookState;
use crate::value::Value;

/// PUC's `LUAI_MAXSTACK`: more slots than this is a "stack overflow".
pub const MAX_STACK: usize = 1_000_000;
/// PUC's `LUAI_MAXCCALLS`: how deeply natives waiting on Lua code (and
/// coroutine resumes) may nest before "C stack overflow".
pub const MAX_C_LEVELS: u16 = 200;
/// Extra slots a Lua frame keeps above its registers for metamethod calls.
pub const EXTRA_STACK: usize = 5;

/// What a returning frame's results are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum Ret {
    /// An ordinary call: `nresults` values at `func` (-1: all of them).
    Normal,
    /// A metamethod (or `__close` call) made by the caller's current
    /// instruction; the caller finishes that instruction with the result.
    Meta,
    /// A `__close` call made while an error unwinds.
    UnwindClose,
    /// A message handler (`xpcall`): its result replaces the error.
    Handler,
    /// A debug hook: its results are dropped and the hooked frame resumes.
    Hook,
}

/// A frame running Lua code.
#[derive(Collect)]
#[collect(no_drop)]
pub struct LuaFrame<'gc> {
    pub closure: LuaClosure<'gc>,
    /// Slot of the called function: results are written here.
    pub func: usize,
    /// `R[0]`.
    pub base: usize,
    /// Index of the next instruction (saved when the frame is not on top).
    pub pc: usize,
    /// End of the values produced by the last multi-result instruction.
    pub top: usize,
    /// The stack length this frame's registers need (`base + max_stack +
    /// EXTRA_STACK`), kept so that a return restores it without reaching
    /// for the prototype.
    pub stack_end: usize,
    /// Results the caller wants (-1: all).
    pub nresults: i32,
    pub ret: Ret,
    /// Reached through a tail call (tracebacks print "(...tail calls...)").
    pub tail: bool,
    /// The result of a metamethod call the current instruction waits for.
    pub pending: Option<Value<'gc>>,
    /// Native frames waiting on continuations below this one, plus resumes
    /// (PUC's C-call count; bounded by [`MAX_C_LEVELS`]).
    pub c_level: u16,
}

/// What a native frame does with an error raised by its callee.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum Catch<'gc> {
    /// Errors pass through this frame (it is discarded).
    No,
    /// `pcall`-like: the continuation receives the error. `handler` is
    /// `xpcall`'s message handler, called where the error happened.
    Protected { handler: Option<Value<'gc>> },
}

/// A frame of a native function that asked the executor for something
/// (a call, a yield, a resume) and waits with a continuation.
#[derive(Collect)]
#[collect(no_drop)]
pub struct NativeFrame<'gc> {
    pub native: Native<'gc>,
    pub func: usize,
    /// Start of the window; it extends to the end of the stack.
    pub base: usize,
    pub nresults: i32,
    pub ret: Ret,
    pub then: Option<Continuation>,
    pub catch: Catch<'gc>,
    /// Stack level closed when an error is caught here (the callee's slot).
    pub call_level: usize,
    /// The error the continuation will receive (`None`: success).
    pub error: Option<Value<'gc>>,
    pub tail: bool,
    /// As [`LuaFrame::c_level`].
    pub c_level: u16,
}

/// One activation record.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Frame<'gc> {
    Lua(LuaFrame<'gc>),
    Native(NativeFrame<'gc>),
    /// An error unwinding towards frame `catcher` (`None`: the thread's
    /// bottom) paused to run a `__close` handler.
    Unwind {
        error: Value<'gc>,
        catcher: Option<usize>,
        level: usize,
    },
}

/// A coroutine's status, as `coroutine.status` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum ThreadStatus {
    Suspended,
    Running,
    Normal,
    Dead,
}

impl ThreadStatus {
    pub fn name(self) -> &'static str {
        match self {
            ThreadStatus::Suspended => "suspended",
            ThreadStatus::Running => "running",
            ThreadStatus::Normal => "normal",
            ThreadStatus::Dead => "dead",
        }
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct ThreadState<'gc> {
    pub stack: Vec<Value<'gc>>,
    pub frames: Vec<Frame<'gc>>,
    /// Open upvalues, sorted by stack slot.
    pub open_upvalues: Vec<UpValue<'gc>>,
    /// Stack slots of pending to-be-closed variables, ascending.
    pub tbc: Vec<usize>,
    pub status: ThreadStatus,
    /// The error a coroutine died with (reported again by `coroutine.close`).
    pub error: Option<Value<'gc>>,
    /// The thread has run (a fresh coroutine has no frames but is not dead).
    pub started: bool,
    /// `coroutine.close` is running this thread's `__close` handlers.
    pub closing: bool,
    /// A `__close` handler failed (or the thread had died) while closing.
    pub close_failed: bool,
    /// Traceback taken where an uncaught error was raised.
    #[collect(require_static)]
    pub traceback: Option<Vec<u8>>,
    /// The C level of this thread's bottom frame (its resumer's, plus one).
    pub base_c_level: u16,
    /// Debug hooks set on this thread (`debug.sethook`).
    pub hook: HookState<'gc>,
    /// The thread's bottom function is a `__gc` finalizer called by the
    /// collector (named `metamethod '__gc'`, as PUC's `CIST_FIN`).
    pub finalizer: bool,
}

/// A Lua thread.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Thread<'gc>(pub Gc<'gc, RefLock<ThreadState<'gc>>>);

impl<'gc> Thread<'gc> {
    pub fn new(mc: &Mutation<'gc>) -> Thread<'gc> {
        Thread(Gc::new(
            mc,
            RefLock::new(ThreadState {
                stack: Vec::new(),
                frames: Vec::new(),
                open_upvalues: Vec::new(),
                tbc: Vec::new(),
                status: ThreadStatus::Suspended,
                error: None,
                started: false,
                closing: false,
                close_failed: false,
                traceback: None,
                base_c_level: 0,
                hook: HookState::default(),
                finalizer: false,
            }),
        ))
    }

    /// A coroutine that will call `function` when first resumed.
    pub fn with_function(mc: &Mutation<'gc>, function: Value<'gc>) -> Thread<'gc> {
        let thread = Thread::new(mc);
        thread.0.borrow_mut(mc).stack.push(function);
        thread
    }

    pub fn ptr_eq(self, other: Thread<'gc>) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }

    pub fn as_ptr(self) -> *const () {
        Gc::as_ptr(self.0) as *const ()
    }

    /// The status as seen from outside (a thread being borrowed is running).
    pub fn status(self) -> ThreadStatus {
        match self.0.try_borrow() {
            Ok(state) => state.status,
            Err(_) => ThreadStatus::Running,
        }
    }
}

impl std::fmt::Debug for Thread<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "thread: {:p}", self.as_ptr())
    }
}

impl<'gc> ThreadState<'gc> {
    /// Makes the stack at least `len` slots long (new slots are nil).
    #[inline]
    pub fn ensure_stack(&mut self, len: usize) -> Result<(), StackOverflow> {
        if self.stack.len() < len {
            if len > MAX_STACK {
                return Err(StackOverflow);
            }
            self.stack.resize(len, Value::Nil);
        }
        Ok(())
    }

    /// The open upvalue for stack slot `index`, created if needed.
    pub fn find_upvalue(
        &mut self,
        mc: &Mutation<'gc>,
        thread: Thread<'gc>,
        index: usize,
    ) -> UpValue<'gc> {
        let mut pos = self.open_upvalues.len();
        while pos > 0 {
            let uv = self.open_upvalues[pos - 1];
            match uv.get() {
                UpValueState::Open { index: i, .. } if i == index => return uv,
                UpValueState::Open { index: i, .. } if i < index => break,
                _ => pos -= 1,
            }
        }
        let uv = Gc::new(mc, Lock::new(UpValueState::Open { thread, index }));
        self.open_upvalues.insert(pos, uv);
        uv
    }

    /// Closes every open upvalue at slot `level` or above.
    pub fn close_upvalues(&mut self, mc: &Mutation<'gc>, level: usize) {
        while let Some(&uv) = self.open_upvalues.last() {
            match uv.get() {
                UpValueState::Open { index, .. } if index >= level => {
                    let value = self.stack.get(index).copied().unwrap_or_default();
                    uv.set(mc, UpValueState::Closed(value));
                    self.open_upvalues.pop();
                }
                _ => break,
            }
        }
    }

    /// Pops the topmost pending to-be-closed slot at or above `level`.
    pub fn pop_tbc(&mut self, level: usize) -> Option<usize> {
        match self.tbc.last() {
            Some(&slot) if slot >= level => self.tbc.pop(),
            _ => None,
        }
    }

    /// The C level a frame pushed now gets: its caller's, plus one when the
    /// caller is a native (which then waits on a continuation).
    pub fn next_c_level(&self) -> u16 {
        for frame in self.frames.iter().rev() {
            match frame {
                Frame::Lua(f) => return f.c_level,
                Frame::Native(f) => return f.c_level + 1,
                Frame::Unwind { .. } => {}
            }
        }
        self.base_c_level
    }

    /// The C level of the innermost frame.
    pub fn current_c_level(&self) -> u16 {
        for frame in self.frames.iter().rev() {
            match frame {
                Frame::Lua(f) => return f.c_level,
                Frame::Native(f) => return f.c_level,
                Frame::Unwind { .. } => {}
            }
        }
        self.base_c_level
    }

    /// Index of the innermost Lua frame, if any.
    pub fn current_lua_frame(&self) -> Option<usize> {
        self.frames.iter().rposition(|f| matches!(f, Frame::Lua(_)))
    }
}

/// The stack would grow past [`MAX_STACK`].
#[derive(Debug, Clone, Copy)]
pub struct StackOverflow;
