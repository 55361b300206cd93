//! The executor: runs Lua threads in fuel-bounded slices and carries out
//! what native functions ask for, without ever recursing on the Rust stack.
//!
//! # The callback protocol (DESIGN §5)
//!
//! A native function has the signature [`NativeFn`](crate::closure::NativeFn):
//!
//! ```text
//! fn(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>>
//! ```
//!
//! Its arguments are the values of its *window* (`call.get(i)`, `call.args()`,
//! `call.len()`); it works on the window like a small stack (`push`, `pop`,
//! `truncate`, `set`, ...) and returns an [`Action`]:
//!
//! - `Return(n)`: the top `n` values of the window are the results.
//! - `ReturnToExecutor(n)`: the same, but the interpreter loop is left and
//!   entered again, so that what it caches per run (whether the thread has
//!   debug hooks) is read anew. `debug.sethook` returns this.
//! - `Call { nargs, then }`: call the value below the top `nargs` values with
//!   those arguments. The function and arguments are replaced in the window by
//!   *all* the results, then `then` (a [`Continuation`]) runs with
//!   [`Outcome::Ok`]. Errors propagate through this frame (it is discarded).
//! - `ProtectedCall { nargs, handler, then }`: the same, but an error is caught:
//!   the window is cut back to below the function, every to-be-closed variable
//!   above is closed, and `then` runs with `Outcome::Err(value)`. `handler`
//!   (`xpcall`'s message handler) is called at the point of the error, with the
//!   stack intact, and its result becomes the error value.
//! - `TailCall { nargs }`: call the function below the top `nargs` values; its
//!   results are this function's results.
//! - `Yield { nvalues, then }`: yield the top `nvalues` values from the current
//!   coroutine. When resumed, the resume arguments are pushed on the window and
//!   `then` runs with `Ok` (`None`: the window is returned as results).
//! - `Resume { thread, nargs, then }`: resume `thread` with the top `nargs`
//!   values. When it yields or returns, its values are pushed on the window and
//!   `then` runs with `Ok`; if it fails, `then` runs with `Err(error)`.
//! - `CloseThread { thread, then }`: close a suspended or dead coroutine (run its
//!   pending `__close` handlers); `then` gets `Ok` or `Err(error)`.
//! - `CollectGarbage { request, then }`: `collectgarbage("collect"/"step")`:
//!   the executor pauses, the host collects (running finalizers), then `then`
//!   runs with `Ok`.
//! - `Host { then }`: from [`Context::host_job`]: the executor pauses, the
//!   driver runs the job outside the mutation ([`crate::host`]), and `then`
//!   runs with its answer (values pushed, or `Err(error)`).
//!
//! (Room is left for `Pending(job)`, the worker-pool action of DESIGN §6.)
//!
//! A continuation is a plain `fn` plus an `i64` of state (`ctx`); everything
//! else it needs stays in the window, exactly like PUC's `lua_callk` /
//! `lua_KFunction`. Because a waiting native frame is just data on the thread,
//! a coroutine can yield from inside `pcall`, a sort comparator or a
//! metamethod, and nothing grows the Rust stack.
//!
//! Errors: return `Err(Error::Runtime(msg))` for PUC's `luaL_error` (the
//! position `chunk:line:` of the calling Lua code is prefixed) or
//! `Err(Error::Value(v))` to raise `v` unchanged (`error(v)`).

use gc_arena::{Collect, Mutation, RefLock};

use crate::closure::{Native, NativeCode};
use crate::interp::{self, Exit};
use crate::state::Context;
use crate::string::LuaString;
use crate::thread::{
    Catch, Frame, MAX_C_LEVELS, MAX_STACK, NativeFrame, Ret, Thread, ThreadState, ThreadStatus,
};
use crate::value::Value;

/// A continuation's function: the window is as the native left it, plus the
/// callee's results on success.
pub type ContinuationFn = for<'gc> fn(
    Context<'gc>,
    &mut Call<'gc, '_>,
    Outcome<'gc>,
    i64,
) -> Result<Action<'gc>, Error<'gc>>;

/// What runs when a call, yield or resume asked for by a native completes.
#[derive(Clone, Copy, Collect)]
#[collect(require_static)]
pub struct Continuation {
    pub func: ContinuationFn,
    /// Free state for the continuation (a step number, a count, ...).
    pub ctx: i64,
    /// Whether PUC Lua lets the callee of this call yield (PUC's
    /// `lua_callk`, as `dofile` calls its chunk): see
    /// [`Call::is_yieldable_in_puc`] and the yield rule on
    /// `called_by_library_native`. `ProtectedCall`s are always yieldable.
    pub yieldable: bool,
}

impl Continuation {
    /// A continuation for a call PUC makes with `lua_call` (not yieldable).
    pub fn new(func: ContinuationFn, ctx: i64) -> Self {
        Continuation {
            func,
            ctx,
            yieldable: false,
        }
    }

    /// A continuation for a call PUC makes with `lua_callk`, whose callee
    /// may yield even when it is a native function (`dofile`).
    pub fn yieldable(func: ContinuationFn, ctx: i64) -> Self {
        Continuation {
            func,
            ctx,
            yieldable: true,
        }
    }
}

impl std::fmt::Debug for Continuation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Continuation({})", self.ctx)
    }
}

/// How the operation a continuation waited for ended.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'gc> {
    Ok,
    Err(Value<'gc>),
}

/// What a native function asks the executor to do next.
#[derive(Clone, Copy, Debug)]
pub enum Action<'gc> {
    Return(usize),
    ReturnToExecutor(usize),
    Call {
        nargs: usize,
        then: Continuation,
    },
    ProtectedCall {
        nargs: usize,
        handler: Option<Value<'gc>>,
        then: Continuation,
    },
    TailCall {
        nargs: usize,
    },
    Yield {
        nvalues: usize,
        then: Option<Continuation>,
    },
    Resume {
        thread: Thread<'gc>,
        nargs: usize,
        then: Continuation,
    },
    CloseThread {
        thread: Thread<'gc>,
        then: Continuation,
    },
    /// Ask the host to collect garbage now (the GC cannot run inside a
    /// mutation); `then` runs afterwards (see [`crate::gc::last_step_finished`]).
    CollectGarbage {
        request: crate::gc::GcRequest,
        then: Continuation,
    },
    /// Pause for a host job stored with [`Context::host_job`] (which gives
    /// this action); `then` runs with its answer.
    Host {
        then: Continuation,
    },
}

/// An error raised by a native function.
#[derive(Clone, Debug)]
pub enum Error<'gc> {
    /// Raise this value unchanged (`error(v)`).
    Value(Value<'gc>),
    /// A message; the executor prefixes the calling Lua code's position, as
    /// `luaL_error` does.
    Runtime(Vec<u8>),
}

impl<'gc> Error<'gc> {
    pub fn runtime(msg: impl Into<Vec<u8>>) -> Self {
        Error::Runtime(msg.into())
    }
}

impl<'gc> From<Value<'gc>> for Error<'gc> {
    fn from(v: Value<'gc>) -> Self {
        Error::Value(v)
    }
}

impl From<String> for Error<'_> {
    fn from(s: String) -> Self {
        Error::Runtime(s.into_bytes())
    }
}

impl From<&str> for Error<'_> {
    fn from(s: &str) -> Self {
        Error::Runtime(s.as_bytes().to_vec())
    }
}

/// A native function's view of its call: the window of stack values it
/// owns, its upvalues, and the thread it runs on.
pub struct Call<'gc, 'a> {
    pub(crate) thread: Thread<'gc>,
    pub(crate) ts: &'a mut ThreadState<'gc>,
    pub(crate) base: usize,
    pub(crate) native: Native<'gc>,
    /// Index of this native's frame in `ts.frames`.
    pub(crate) frame: usize,
    pub(crate) yieldable: bool,
}

impl<'gc, 'a> Call<'gc, 'a> {
    /// Number of values in the window.
    #[inline]
    pub fn len(&self) -> usize {
        self.ts.stack.len() - self.base
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` of the window (0-based), nil past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Value<'gc> {
        self.ts
            .stack
            .get(self.base + i)
            .copied()
            .unwrap_or_default()
    }

    /// The whole window.
    pub fn args(&self) -> &[Value<'gc>] {
        &self.ts.stack[self.base..]
    }

    /// The whole window, mutably.
    pub fn args_mut(&mut self) -> &mut [Value<'gc>] {
        &mut self.ts.stack[self.base..]
    }

    /// Sets value `i`, growing the window with nils if needed.
    pub fn set(&mut self, i: usize, v: Value<'gc>) -> Result<(), Error<'gc>> {
        if i >= self.len() {
            self.set_len(i + 1)?;
        }
        self.ts.stack[self.base + i] = v;
        Ok(())
    }

    /// Pushes a value. Fails with "stack overflow" past PUC's stack limit.
    #[inline]
    pub fn push(&mut self, v: Value<'gc>) -> Result<(), Error<'gc>> {
        if self.ts.stack.len() >= MAX_STACK {
            return Err(Error::runtime("stack overflow"));
        }
        self.ts.stack.push(v);
        Ok(())
    }

    /// Pushes the values of a slice (one check, one copy).
    #[inline]
    pub fn push_slice(&mut self, values: &[Value<'gc>]) -> Result<(), Error<'gc>> {
        if self.ts.stack.len() + values.len() > MAX_STACK {
            return Err(Error::runtime("stack overflow"));
        }
        self.ts.stack.extend_from_slice(values);
        Ok(())
    }

    /// Pushes several values.
    pub fn extend(
        &mut self,
        values: impl IntoIterator<Item = Value<'gc>>,
    ) -> Result<(), Error<'gc>> {
        for v in values {
            self.push(v)?;
        }
        Ok(())
    }

    pub fn pop(&mut self) -> Value<'gc> {
        if !self.is_empty() {
            self.ts.stack.pop().unwrap_or_default()
        } else {
            Value::Nil
        }
    }

    /// Inserts `v` at window position `i` (shifting the rest up).
    pub fn insert(&mut self, i: usize, v: Value<'gc>) -> Result<(), Error<'gc>> {
        if self.ts.stack.len() >= MAX_STACK {
            return Err(Error::runtime("stack overflow"));
        }
        let at = (self.base + i).min(self.ts.stack.len());
        self.ts.stack.insert(at, v);
        Ok(())
    }

    /// Removes and returns value `i` (nil past the end).
    pub fn remove(&mut self, i: usize) -> Value<'gc> {
        if i < self.len() {
            self.ts.stack.remove(self.base + i)
        } else {
            Value::Nil
        }
    }

    /// Cuts the window to `n` values (or pads it with nils).
    pub fn set_len(&mut self, n: usize) -> Result<(), Error<'gc>> {
        if self.base + n > MAX_STACK {
            return Err(Error::runtime("stack overflow"));
        }
        self.ts.stack.resize(self.base + n, Value::Nil);
        Ok(())
    }

    /// Keeps only the first `n` values.
    pub fn truncate(&mut self, n: usize) {
        self.ts.stack.truncate(self.base + n);
    }

    pub fn clear(&mut self) {
        self.ts.stack.truncate(self.base);
    }

    /// Checks that `n` more values fit (PUC's `luaL_checkstack`).
    pub fn check_stack(&self, n: usize) -> bool {
        self.ts.stack.len().saturating_add(n) <= MAX_STACK
    }

    /// Upvalue `i` of the running native function (nil if absent).
    pub fn upvalue(&self, i: usize) -> Value<'gc> {
        self.native.upvalues.get(i).copied().unwrap_or_default()
    }

    pub fn native(&self) -> Native<'gc> {
        self.native
    }

    /// The thread running this call.
    pub fn thread(&self) -> Thread<'gc> {
        self.thread
    }

    /// Whether the running thread may yield (it is a coroutine).
    pub fn is_yieldable(&self) -> bool {
        self.yieldable
    }

    /// Whether PUC Lua would let the running coroutine yield here: it is a
    /// coroutine and no library native below this call waits for a call
    /// PUC makes with `lua_call` (a sort comparator, a gsub replacement,
    /// `__tostring` for `print`...). Saturn can yield from such callbacks
    /// (DESIGN §5); `coroutine.isyieldable` still answers as PUC does.
    pub fn is_yieldable_in_puc(&self) -> bool {
        self.yieldable
            && !self.ts.frames[..self.frame]
                .iter()
                .any(|f| matches!(f, Frame::Native(f) if waits_for_unyieldable_call(f)))
    }

    /// Reads an upvalue cell of any closure (`debug.getupvalue`): an open
    /// one may point into this very thread's stack, which is borrowed here.
    pub fn read_upvalue(&self, uv: crate::closure::UpValue<'gc>) -> Value<'gc> {
        match uv.get() {
            crate::closure::UpValueState::Closed(v) => v,
            crate::closure::UpValueState::Open { thread, index } => {
                if thread.ptr_eq(self.thread) {
                    self.ts.stack.get(index).copied().unwrap_or_default()
                } else {
                    thread
                        .0
                        .try_borrow()
                        .ok()
                        .and_then(|t| t.stack.get(index).copied())
                        .unwrap_or_default()
                }
            }
        }
    }

    /// Writes an upvalue cell of any closure (`debug.setupvalue`).
    pub fn write_upvalue(
        &mut self,
        mc: &Mutation<'gc>,
        uv: crate::closure::UpValue<'gc>,
        value: Value<'gc>,
    ) {
        match uv.get() {
            crate::closure::UpValueState::Closed(_) => {
                uv.set(mc, crate::closure::UpValueState::Closed(value))
            }
            crate::closure::UpValueState::Open { thread, index } => {
                if thread.ptr_eq(self.thread) {
                    if let Some(slot) = self.ts.stack.get_mut(index) {
                        *slot = value;
                    }
                } else if let Ok(mut t) = thread.0.try_borrow_mut(mc)
                    && let Some(slot) = t.stack.get_mut(index)
                {
                    *slot = value;
                }
            }
        }
    }

    /// The thread's state (stack, frames), for the debug library.
    pub fn thread_state(&self) -> &ThreadState<'gc> {
        self.ts
    }

    /// The thread's state, mutably (`debug.setlocal`). Leave the frames and
    /// this call's window consistent.
    pub fn thread_state_mut(&mut self) -> &mut ThreadState<'gc> {
        self.ts
    }

    /// How the calling code named this native (PUC's `getinfo "n"`), e.g.
    /// `("global", "insert")` or `("method", "push")`; `None` when unknown.
    pub fn called_name(&self) -> Option<(&'static str, Vec<u8>)> {
        crate::traceback::called_name(self.ts, self.frame)
    }

    /// Index of this native's frame in `thread_state().frames` (frames
    /// below it are its callers: level `n` is `frame_index() - n`, skipping
    /// `Frame::Unwind` entries).
    pub fn frame_index(&self) -> usize {
        self.frame
    }

    /// `chunk:line: ` of the function at `level` (1: the caller of this
    /// native), or an empty string for a native or missing level (PUC's
    /// `luaL_where`).
    pub fn where_(&self, level: usize) -> Vec<u8> {
        interp::where_at(self.ts, self.frame, level)
    }

    /// A traceback of this thread starting at `level` (0: this native),
    /// in `debug.traceback`'s format, preceded by `message` if given.
    pub fn traceback(&self, ctx: Context<'gc>, message: Option<&[u8]>, level: usize) -> Vec<u8> {
        let on_main = self.thread.ptr_eq(ctx.state.main_thread);
        crate::traceback::traceback_with(ctx, self.ts, self.frame + 1, message, level, on_main)
    }
}

/// The [`Call`] on the window of native frame `frame`.
#[inline(always)]
fn call_on<'gc, 'a>(
    thread: Thread<'gc>,
    ts: &'a mut ThreadState<'gc>,
    frame: usize,
    yieldable: bool,
) -> Call<'gc, 'a> {
    let (native, base) = match &ts.frames[frame] {
        Frame::Native(f) => (f.native, f.base),
        _ => unreachable!("a native call on a non-native frame"),
    };
    Call {
        thread,
        ts,
        base,
        native,
        frame,
        yieldable,
    }
}

/// Calls a native function's Rust code on the window of frame `frame`.
/// (Inlined: `precall` runs it on every native call from Lua.)
#[inline(always)]
pub(crate) fn invoke_native<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    frame: usize,
    yieldable: bool,
) -> Result<Action<'gc>, Value<'gc>> {
    let result = {
        let mut call = call_on(thread, ts, frame, yieldable);
        let native = call.native;
        match &native.code {
            NativeCode::Fn(f) => f(ctx, &mut call),
            NativeCode::Closure(f) => f(ctx, &mut call),
        }
    };
    result.map_err(|e| error_value(ctx, ts, frame, e))
}

/// Runs continuation `k` of native frame `frame` with `outcome`: the other
/// half of a native's round trip through a call, inlined into the
/// executor's callback loop (it runs once per sort comparison or gsub
/// callback).
#[inline(always)]
fn invoke_continuation<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    frame: usize,
    k: Continuation,
    outcome: Outcome<'gc>,
    yieldable: bool,
) -> Result<Action<'gc>, Value<'gc>> {
    let result = (k.func)(
        ctx,
        &mut call_on(thread, ts, frame, yieldable),
        outcome,
        k.ctx,
    );
    result.map_err(|e| error_value(ctx, ts, frame, e))
}

/// Turns a native's error into the raised value (adding the caller's
/// position to runtime messages).
pub(crate) fn error_value<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    frame: usize,
    e: Error<'gc>,
) -> Value<'gc> {
    match e {
        Error::Value(v) => v,
        Error::Runtime(msg) => {
            let mut text = interp::where_at(ts, frame, 1);
            text.extend_from_slice(&msg);
            Value::String(ctx.intern(&text))
        }
    }
}

/// How a run of an executor ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepResult {
    /// Out of fuel: call `step` again (after letting the GC run).
    Running,
    /// The function returned or failed: take the result.
    Finished,
}

/// The running state of one execution: the chain of resumed threads.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ExecutorState<'gc> {
    /// `threads[0]` runs the top-level function; each next one was resumed
    /// by the previous one.
    threads: Vec<Thread<'gc>>,
    result: Option<Result<Vec<Value<'gc>>, Value<'gc>>>,
    /// Traceback captured where an uncaught error was raised.
    #[collect(require_static)]
    traceback: Option<Vec<u8>>,
    /// An error to raise in the running thread at the next step (memory
    /// limit exceeded, an interrupt).
    injected: Option<Injected<'gc>>,
}

/// An error the host raises between slices.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
struct Injected<'gc> {
    error: Value<'gc>,
    /// Whether a string error gets the `chunk:line: ` prefix that PUC's
    /// `luaL_error` gives an error raised from a hook.
    located: bool,
}

impl<'gc> Injected<'gc> {
    /// The value to raise on the thread whose state is `ts`. Level 0 of
    /// `luaL_where` is the function running when the hook fires, so the
    /// position is that of its caller (none when the caller is native, as
    /// for a chunk the host called).
    fn positioned(self, ctx: Context<'gc>, ts: &ThreadState<'gc>) -> Value<'gc> {
        let (Value::String(message), true) = (self.error, self.located) else {
            return self.error;
        };
        let Some(top) = ts.frames.len().checked_sub(1) else {
            return self.error;
        };
        let mut text = interp::where_at(ts, top, 1);
        text.extend_from_slice(message.as_bytes());
        Value::String(ctx.intern(&text))
    }
}

/// A resumable execution of a function; lives in the heap between slices.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Executor<'gc>(pub gc_arena::Gc<'gc, RefLock<ExecutorState<'gc>>>);

impl<'gc> Executor<'gc> {
    /// Prepares to call `function` with `args` on `thread` (which must have
    /// no active frames).
    pub fn start(
        ctx: Context<'gc>,
        thread: Thread<'gc>,
        function: Value<'gc>,
        args: &[Value<'gc>],
    ) -> Executor<'gc> {
        {
            let mut ts = thread.0.borrow_mut(ctx.mc);
            ts.stack.clear();
            ts.frames.clear();
            ts.tbc.clear();
            ts.stack.push(function);
            ts.stack.extend_from_slice(args);
            ts.status = ThreadStatus::Running;
            ts.started = false;
            ts.traceback = None;
            ts.hook.restart();
        }
        Executor(gc_arena::Gc::new(
            ctx.mc,
            RefLock::new(ExecutorState {
                threads: vec![thread],
                result: None,
                traceback: None,
                injected: None,
            }),
        ))
    }

    /// Runs until `fuel` is used up or the execution finishes.
    pub fn step(self, ctx: Context<'gc>, fuel: &mut i64) -> StepResult {
        let mut state = self.0.borrow_mut(ctx.mc);
        if state.result.is_some() {
            return StepResult::Finished;
        }
        run(ctx, &mut state, fuel)
    }

    /// Raises `error` in the running thread before it continues (how the
    /// memory limit reports "not enough memory").
    pub fn inject_error(self, mc: &Mutation<'gc>, error: Value<'gc>) {
        self.0.borrow_mut(mc).injected = Some(Injected {
            error,
            located: false,
        });
    }

    /// Raises the string `message` in the running thread before it
    /// continues, as `luaL_error` called from a hook would: prefixed with
    /// the position of the running function's caller, when that is a Lua
    /// function (how an interrupt reports "interrupted!").
    pub fn inject_located_error(self, mc: &Mutation<'gc>, message: LuaString<'gc>) {
        self.0.borrow_mut(mc).injected = Some(Injected {
            error: Value::String(message),
            located: true,
        });
    }

    /// Hands the answer of a host job to the native waiting for it on the
    /// running thread: values are pushed on its window, an error is what its
    /// continuation receives.
    pub fn deliver_host_answer(
        self,
        mc: &Mutation<'gc>,
        answer: Result<Vec<Value<'gc>>, Value<'gc>>,
    ) {
        let state = self.0.borrow();
        let Some(&thread) = state.threads.last() else {
            return;
        };
        hand_to_waiting_native(&mut thread.0.borrow_mut(mc), answer);
    }

    /// Ends the execution at once with `error`, which no `pcall` of the
    /// running code can catch (an instruction limit): every thread it runs
    /// is unwound without running `__close` handlers.
    pub fn abort(self, ctx: Context<'gc>, error: Value<'gc>) {
        let mut state = self.0.borrow_mut(ctx.mc);
        for &thread in &state.threads {
            let mut guard = thread.0.borrow_mut(ctx.mc);
            let ts = &mut *guard;
            ts.close_upvalues(ctx.mc, 0);
            ts.hook.discard_frames(&ts.frames, 0);
            ts.frames.clear();
            ts.stack.clear();
            ts.tbc.clear();
            ts.closing = false;
            ts.status = status_after_body(ctx, thread);
        }
        state.threads.clear();
        state.injected = None;
        state.result = Some(Err(error));
    }

    pub fn is_finished(self) -> bool {
        self.0.borrow().result.is_some()
    }

    /// The results (or the error value) once finished.
    pub fn take_result(self, mc: &Mutation<'gc>) -> Option<Result<Vec<Value<'gc>>, Value<'gc>>> {
        self.0.borrow_mut(mc).result.take()
    }

    /// The traceback taken where the uncaught error was raised.
    pub fn traceback(self) -> Option<Vec<u8>> {
        self.0.borrow().traceback.clone()
    }
}

/// What to do after a piece of work on the current thread.
pub(crate) enum Next<'gc> {
    /// Keep running the current (top) thread.
    Continue,
    /// Carry out an action of the native frame on top.
    Action(Action<'gc>),
    /// Raise an error on the current thread.
    Raise(Value<'gc>),
    /// The current thread finished its body with these results.
    ThreadReturned(Vec<Value<'gc>>),
    /// The current thread yielded these values.
    ThreadYielded(Vec<Value<'gc>>),
    /// The current thread died with an error.
    ThreadFailed(Value<'gc>),
    /// Switch to this thread, resumed by the current one.
    Switch(Thread<'gc>),
    /// End the slice now (the host has work to do, e.g. a collection).
    Pause,
}

/// The status of a thread whose body returned or failed: a coroutine is
/// dead, but the main thread never dies; between runs it is the thread the
/// host runs on, `running` as in PUC (a `__tostring` of the error or a
/// finalizer may look at it).
fn status_after_body<'gc>(ctx: Context<'gc>, thread: Thread<'gc>) -> ThreadStatus {
    if thread.ptr_eq(ctx.main_thread()) {
        ThreadStatus::Running
    } else {
        ThreadStatus::Dead
    }
}

fn run<'gc>(ctx: Context<'gc>, state: &mut ExecutorState<'gc>, fuel: &mut i64) -> StepResult {
    loop {
        if *fuel <= 0 {
            return StepResult::Running;
        }
        *fuel -= 1;
        let Some(&thread) = state.threads.last() else {
            return StepResult::Finished;
        };
        let is_coroutine = state.threads.len() > 1;
        let next = {
            let mut ts = thread.0.borrow_mut(ctx.mc);
            let mut next = if let Some(injected) = state.injected.take() {
                Next::Raise(injected.positioned(ctx, &ts))
            } else if !ts.started {
                ts.started = true;
                start_thread(ctx, thread, &mut ts, is_coroutine)
            } else {
                run_thread(ctx, thread, &mut ts, fuel, is_coroutine)
            };
            // Work on this thread goes on here, under one borrow, for as
            // long as it has fuel: a native's callback (its call, the Lua
            // function's run, the continuation) takes no trip through the
            // outer loop. Nothing the outer loop checks can change meanwhile
            // (an injected error or a collection come from the host, between
            // steps).
            loop {
                next = match next {
                    Next::Action(action) => {
                        apply_action(ctx, thread, &mut ts, action, is_coroutine)
                    }
                    Next::Raise(error) => raise(ctx, thread, &mut ts, error, is_coroutine),
                    Next::Continue if *fuel > 0 => {
                        *fuel -= 1;
                        run_thread(ctx, thread, &mut ts, fuel, is_coroutine)
                    }
                    other => break other,
                };
            }
        };
        match next {
            Next::Continue | Next::Action(_) | Next::Raise(_) => {}
            Next::Pause => return StepResult::Running,
            Next::Switch(co) => {
                thread.0.borrow_mut(ctx.mc).status = ThreadStatus::Normal;
                state.threads.push(co);
            }
            Next::ThreadReturned(values) => {
                {
                    let mut ts = thread.0.borrow_mut(ctx.mc);
                    ts.status = status_after_body(ctx, thread);
                    ts.closing = false;
                    ts.error = None;
                }
                state.threads.pop();
                if !deliver_to_resumer(ctx, state, Ok(values)) {
                    return StepResult::Finished;
                }
            }
            Next::ThreadYielded(values) => {
                thread.0.borrow_mut(ctx.mc).status = ThreadStatus::Suspended;
                state.threads.pop();
                deliver_to_resumer(ctx, state, Ok(values));
            }
            Next::ThreadFailed(error) => {
                {
                    let mut ts = thread.0.borrow_mut(ctx.mc);
                    ts.status = status_after_body(ctx, thread);
                    ts.error = if ts.closing { None } else { Some(error) };
                    ts.closing = false;
                    if state.threads.len() == 1 {
                        state.traceback = ts.traceback.take();
                    }
                }
                state.threads.pop();
                if !deliver_to_resumer(ctx, state, Err(error)) {
                    return StepResult::Finished;
                }
            }
        }
    }
}

/// Hands a finished resume's values (or error) to the thread that resumed
/// it. Returns `false` when there is no resumer (the execution is over).
fn deliver_to_resumer<'gc>(
    ctx: Context<'gc>,
    state: &mut ExecutorState<'gc>,
    result: Result<Vec<Value<'gc>>, Value<'gc>>,
) -> bool {
    let Some(&resumer) = state.threads.last() else {
        state.result = Some(result);
        return false;
    };
    let mut ts = resumer.0.borrow_mut(ctx.mc);
    ts.status = ThreadStatus::Running;
    hand_to_waiting_native(&mut ts, result);
    true
}

/// Gives the native frame on top of `ts` what it waited for: values pushed
/// on its window, or the error its continuation receives.
fn hand_to_waiting_native<'gc>(
    ts: &mut ThreadState<'gc>,
    result: Result<Vec<Value<'gc>>, Value<'gc>>,
) {
    let error = match result {
        Ok(values) => {
            ts.stack.extend(values);
            None
        }
        Err(e) => Some(e),
    };
    if let Some(Frame::Native(f)) = ts.frames.last_mut() {
        f.error = error;
    }
}

/// First resume of a thread: call the function at `stack[0]`.
fn start_thread<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    is_coroutine: bool,
) -> Next<'gc> {
    ts.status = ThreadStatus::Running;
    let nargs = ts.stack.len().saturating_sub(1);
    call_from_executor(ctx, thread, ts, 0, nargs, -1, Ret::Normal, is_coroutine)
}

/// After a frame returned: if it was the thread's last, the thread is done.
fn after_return<'gc>(ts: &mut ThreadState<'gc>) -> Next<'gc> {
    if ts.frames.is_empty() {
        Next::ThreadReturned(std::mem::take(&mut ts.stack))
    } else {
        Next::Continue
    }
}

/// Runs the top frame of the current thread for a while.
fn run_thread<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    fuel: &mut i64,
    is_coroutine: bool,
) -> Next<'gc> {
    let (continuation, outcome) = match ts.frames.last_mut() {
        None => return Next::ThreadReturned(std::mem::take(&mut ts.stack)),
        Some(Frame::Lua(_)) => return run_lua(ctx, thread, ts, fuel, is_coroutine),
        Some(Frame::Unwind {
            error,
            catcher,
            level,
        }) => {
            let (error, catcher, level) = (*error, *catcher, *level);
            ts.frames.pop();
            return continue_unwind(ctx, thread, ts, error, catcher, level);
        }
        Some(Frame::Native(f)) => {
            let outcome = match f.error.take() {
                Some(e) => Outcome::Err(e),
                None => Outcome::Ok,
            };
            f.catch = Catch::No;
            (f.then.take(), outcome)
        }
    };
    // A native frame is ready to continue.
    let frame = ts.frames.len() - 1;
    let Some(k) = continuation else {
        // No continuation (resumed after a yield): return the whole window.
        if let Outcome::Err(e) = outcome {
            return Next::Raise(e);
        }
        let base = match &ts.frames[frame] {
            Frame::Native(f) => f.base,
            _ => unreachable!("native frame expected"),
        };
        let n = ts.stack.len() - base;
        return finish_native_return(ctx, thread, ts, n, is_coroutine);
    };
    continue_native(ctx, thread, ts, fuel, frame, k, outcome, is_coroutine)
}

/// Runs the Lua frame on top (and what it calls) for a while.
#[inline(always)]
fn run_lua<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    fuel: &mut i64,
    is_coroutine: bool,
) -> Next<'gc> {
    let exit = if ts.hook.is_set() {
        interp::run::<true>(ctx, thread, ts, fuel, is_coroutine)
    } else {
        interp::run::<false>(ctx, thread, ts, fuel, is_coroutine)
    };
    match exit {
        Exit::OutOfFuel | Exit::Frame => after_return(ts),
        Exit::OutOfFuelInLoop => {
            interp::clear_dead_registers(ts);
            after_return(ts)
        }
        Exit::Action(action) => Next::Action(action),
        Exit::Error(e) => Next::Raise(e),
        Exit::HandlerReturned(v) => handler_returned(ctx, thread, ts, v),
    }
}

/// Runs continuation `k` of native frame `frame` (on top). While the native
/// asks for nothing but plain calls of Lua functions (a sort comparator, a
/// `gsub` callback), each call and the continuation after it run right
/// here, the lean path of DESIGN §5's callback round trip; anything else
/// goes back to the executor's loop. Fuel is spent as on the general path:
/// one unit to run the Lua function, one for the continuation.
#[allow(clippy::too_many_arguments)]
fn continue_native<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    fuel: &mut i64,
    frame: usize,
    mut k: Continuation,
    mut outcome: Outcome<'gc>,
    is_coroutine: bool,
) -> Next<'gc> {
    loop {
        let action = match invoke_continuation(ctx, thread, ts, frame, k, outcome, is_coroutine) {
            Ok(action) => action,
            Err(e) => return Next::Raise(e),
        };
        let Action::Call { nargs, then } = action else {
            return Next::Action(action);
        };
        let func = match begin_callback(ctx, ts, frame, nargs, then, Catch::No) {
            Ok(func) => func,
            Err(next) => return next,
        };
        // Go on here only with a Lua callee, whose frame is pushed now.
        let Value::LuaFunction(closure) = ts.stack[func] else {
            return start_callback(ctx, thread, ts, func, nargs, is_coroutine);
        };
        if let Err(e) =
            interp::push_lua_call_inlined(ctx, ts, closure, func, nargs, -1, Ret::Normal)
        {
            return Next::Raise(e);
        }
        if *fuel <= 0 {
            return Next::Continue;
        }
        *fuel -= 1;
        let next = run_lua(ctx, thread, ts, fuel, is_coroutine);
        // Continue here only when the callee returned into this frame.
        if !matches!(next, Next::Continue) || *fuel <= 0 || ts.frames.len() != frame + 1 {
            return next;
        }
        let Some(Frame::Native(f)) = ts.frames.last_mut() else {
            return next;
        };
        if f.error.is_some() {
            return next;
        }
        let Some(then) = f.then.take() else {
            return next;
        };
        f.catch = Catch::No;
        *fuel -= 1;
        k = then;
        outcome = Outcome::Ok;
    }
}

/// The top native frame returns its top `n` window values.
fn finish_native_return<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    n: usize,
    is_coroutine: bool,
) -> Next<'gc> {
    if ts.hook.is_set() {
        return match crate::hook::native_return(ctx, thread, ts, n, is_coroutine) {
            Ok(interp::Called::Returned(interp::Returned::Continue)) | Ok(interp::Called::Lua) => {
                after_return(ts)
            }
            Ok(interp::Called::Returned(interp::Returned::Handler(v))) => {
                handler_returned(ctx, thread, ts, v)
            }
            Ok(interp::Called::Action(action)) => Next::Action(action),
            Err(e) => Next::Raise(e),
        };
    }
    let first = ts.stack.len() - n;
    match interp::do_return(ctx, ts, first, n) {
        interp::Returned::Continue => after_return(ts),
        interp::Returned::Handler(v) => handler_returned(ctx, thread, ts, v),
    }
}

/// Calls `stack[func]` on behalf of the executor.
#[allow(clippy::too_many_arguments)]
fn call_from_executor<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    func: usize,
    nargs: usize,
    nresults: i32,
    ret: Ret,
    is_coroutine: bool,
) -> Next<'gc> {
    match interp::precall(ctx, thread, ts, func, nargs, nresults, ret, is_coroutine) {
        Ok(interp::Called::Lua) => Next::Continue,
        Ok(interp::Called::Returned(interp::Returned::Continue)) => after_return(ts),
        Ok(interp::Called::Returned(interp::Returned::Handler(v))) => {
            handler_returned(ctx, thread, ts, v)
        }
        Ok(interp::Called::Action(action)) => Next::Action(action),
        Err(e) => Next::Raise(e),
    }
}

/// Records that native frame `frame` (on top) waits on a call of the
/// function below its top `nargs` window values, to be continued by
/// `then`; returns the function's stack slot.
#[inline(always)]
fn begin_callback<'gc>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    frame: usize,
    nargs: usize,
    then: Continuation,
    catch: Catch<'gc>,
) -> Result<usize, Next<'gc>> {
    // The frame is on top: its level is the thread's current C level.
    let (base, c_level) = match &ts.frames[frame] {
        Frame::Native(f) => (f.base, f.c_level),
        _ => unreachable!("a call without a native frame"),
    };
    if nargs >= ts.stack.len() - base {
        let error = error_value(ctx, ts, frame, Error::runtime("no function to call"));
        return Err(Next::Raise(error));
    }
    if c_level + 1 >= MAX_C_LEVELS {
        return Err(Next::Raise(Value::String(ctx.intern(b"C stack overflow"))));
    }
    let func = ts.stack.len() - nargs - 1;
    if let Frame::Native(f) = &mut ts.frames[frame] {
        f.then = Some(then);
        f.error = None;
        f.call_level = func;
        f.catch = catch;
    }
    Ok(func)
}

/// Calls `stack[func]` with the `nargs` values above it for the native on
/// top (after [`begin_callback`]); every path of a native's `Call` and
/// `ProtectedCall` goes through here.
#[inline(always)]
fn start_callback<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    func: usize,
    nargs: usize,
    is_coroutine: bool,
) -> Next<'gc> {
    if let Value::LuaFunction(closure) = ts.stack[func] {
        // A Lua callback (a comparator, a handler): its frame is pushed
        // here, without `precall`'s resolution of `__call`.
        return match interp::push_lua_call(ctx, ts, closure, func, nargs, -1, Ret::Normal) {
            Ok(()) => Next::Continue,
            Err(e) => Next::Raise(e),
        };
    }
    call_from_executor(ctx, thread, ts, func, nargs, -1, Ret::Normal, is_coroutine)
}

/// Carries out an action returned by the native on top of the frames.
fn apply_action<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    action: Action<'gc>,
    is_coroutine: bool,
) -> Next<'gc> {
    let frame = ts.frames.len() - 1;
    let base = match &ts.frames[frame] {
        Frame::Native(f) => f.base,
        _ => unreachable!("action without a native frame"),
    };
    let window = ts.stack.len() - base;
    let fail = |ts: &mut ThreadState<'gc>, msg: &str| {
        Next::Raise(error_value(ctx, ts, frame, Error::runtime(msg)))
    };
    match action {
        Action::Return(n) | Action::ReturnToExecutor(n) => {
            finish_native_return(ctx, thread, ts, n.min(window), is_coroutine)
        }
        Action::Call { nargs, then } | Action::ProtectedCall { nargs, then, .. } => {
            let catch = match action {
                Action::ProtectedCall { handler, .. } => Catch::Protected { handler },
                _ => Catch::No,
            };
            let func = match begin_callback(ctx, ts, frame, nargs, then, catch) {
                Ok(func) => func,
                Err(next) => return next,
            };
            start_callback(ctx, thread, ts, func, nargs, is_coroutine)
        }
        Action::TailCall { nargs } => {
            if nargs >= window {
                return fail(ts, "no function to call");
            }
            let Some(Frame::Native(f)) = ts.frames.pop() else {
                unreachable!("native frame expected")
            };
            let src = ts.stack.len() - nargs - 1;
            ts.stack.copy_within(src.., f.func);
            ts.stack.truncate(f.func + nargs + 1);
            call_from_executor(
                ctx,
                thread,
                ts,
                f.func,
                nargs,
                f.nresults,
                f.ret,
                is_coroutine,
            )
        }
        Action::Yield { nvalues, then } => {
            if !is_coroutine {
                // PUC raises this from `lua_yieldk` with no position.
                let message = ctx.intern(b"attempt to yield from outside a coroutine");
                return Next::Raise(Value::String(message));
            }
            if called_by_library_native(ts, frame) {
                let message = ctx.intern(b"attempt to yield across a C-call boundary");
                return Next::Raise(Value::String(message));
            }
            let nvalues = nvalues.min(window);
            let values = ts.stack.split_off(ts.stack.len() - nvalues);
            if let Frame::Native(f) = &mut ts.frames[frame] {
                f.then = then;
                f.error = None;
            }
            Next::ThreadYielded(values)
        }
        Action::Resume {
            thread: co,
            nargs,
            then,
        } => {
            let nargs = nargs.min(window);
            let args = ts.stack.split_off(ts.stack.len() - nargs);
            let level = ts.current_c_level() + 1;
            let result = if level >= MAX_C_LEVELS {
                Err("C stack overflow")
            } else {
                prepare_resume(ctx, co, thread, args, level)
            };
            if let Frame::Native(f) = &mut ts.frames[frame] {
                f.then = Some(then);
                f.error = result
                    .err()
                    .map(|msg| Value::String(ctx.intern(msg.as_bytes())));
            }
            match result {
                Ok(()) => Next::Switch(co),
                Err(_) => Next::Continue,
            }
        }
        Action::Host { then } => {
            if let Frame::Native(f) = &mut ts.frames[frame] {
                f.then = Some(then);
                f.error = None;
            }
            Next::Pause
        }
        Action::CollectGarbage { request, then } => {
            if let Frame::Native(f) = &mut ts.frames[frame] {
                f.then = Some(then);
                f.error = None;
            }
            ctx.state.gc.borrow_mut(ctx.mc).request = Some(request);
            Next::Pause
        }
        Action::CloseThread { thread: co, then } => {
            let result = if co.ptr_eq(thread) {
                Err(Some(Value::String(
                    ctx.intern(b"cannot close a running coroutine"),
                )))
            } else {
                prepare_close(ctx, co, ts.current_c_level() + 1)
            };
            if let Frame::Native(f) = &mut ts.frames[frame] {
                f.then = Some(then);
                f.error = None;
                if let Err(Some(e)) = result {
                    f.error = Some(e);
                }
            }
            match result {
                Ok(()) => Next::Switch(co),
                Err(_) => Next::Continue,
            }
        }
    }
}

/// Whether the native in frame `frame` was called directly by another
/// native through [`Action::Call`], which makes a yield from it an error.
///
/// This is PUC's rule wherever PUC can be matched: a C function that calls
/// with `lua_call` (a sort comparator, a gsub replacement, an `__index`
/// handler) cannot be suspended, so a *native* callee that yields there
/// (`table.sort(t, coroutine.yield)`) raises "attempt to yield across a
/// C-call boundary". A native called by `pcall`/`xpcall`
/// ([`Action::ProtectedCall`], PUC's `lua_pcallk`) or from a Lua frame may
/// yield. Saturn goes further than PUC for *Lua* callbacks: a Lua function
/// called by a library native may yield, since the native waits as data
/// (DESIGN §5); only the native-calls-native-that-yields case is refused.
/// A call whose continuation is [`Continuation::yieldable`] (PUC's
/// `lua_callk`, as in `dofile`) lets its callee yield too.
fn called_by_library_native(ts: &ThreadState<'_>, frame: usize) -> bool {
    let caller = frame.checked_sub(1).and_then(|i| ts.frames.get(i));
    matches!(caller, Some(Frame::Native(f)) if waits_for_unyieldable_call(f))
}

/// Whether a native frame below the top waits for a call PUC could not
/// suspend: an unprotected call whose continuation is not `yieldable`.
fn waits_for_unyieldable_call(f: &NativeFrame<'_>) -> bool {
    matches!(f.catch, Catch::No) && f.then.is_some_and(|k| !k.yieldable)
}

/// Checks that `co` can be resumed and hands it the arguments.
fn prepare_resume<'gc>(
    ctx: Context<'gc>,
    co: Thread<'gc>,
    current: Thread<'gc>,
    args: Vec<Value<'gc>>,
    c_level: u16,
) -> Result<(), &'static str> {
    if co.ptr_eq(current) {
        return Err("cannot resume non-suspended coroutine");
    }
    let Ok(mut cs) = co.0.try_borrow_mut(ctx.mc) else {
        return Err("cannot resume non-suspended coroutine");
    };
    match cs.status {
        ThreadStatus::Suspended => {}
        ThreadStatus::Dead => return Err("cannot resume dead coroutine"),
        _ => return Err("cannot resume non-suspended coroutine"),
    }
    if !cs.started && cs.stack.is_empty() {
        return Err("cannot resume dead coroutine");
    }
    cs.stack.extend(args);
    cs.status = ThreadStatus::Running;
    if !cs.started {
        cs.base_c_level = c_level;
    }
    Ok(())
}

/// Prepares closing a coroutine (`coroutine.close`). `Err(None)`: closed at
/// once, successfully; `Err(Some(e))`: closed at once with error `e`;
/// `Ok`: its `__close` handlers must run (switch to it), one C level above
/// the closer's (`c_level`), so that a chain of coroutines each closing the
/// previous one from a handler ends in "C stack overflow" as in PUC.
fn prepare_close<'gc>(
    ctx: Context<'gc>,
    co: Thread<'gc>,
    c_level: u16,
) -> Result<(), Option<Value<'gc>>> {
    let Ok(mut cs) = co.0.try_borrow_mut(ctx.mc) else {
        return Err(Some(Value::String(
            ctx.intern(b"cannot close a running coroutine"),
        )));
    };
    match cs.status {
        ThreadStatus::Suspended | ThreadStatus::Dead => {}
        ThreadStatus::Normal => {
            return Err(Some(Value::String(
                ctx.intern(b"cannot close a normal coroutine"),
            )));
        }
        ThreadStatus::Running => {
            return Err(Some(Value::String(
                ctx.intern(b"cannot close a running coroutine"),
            )));
        }
    }
    let error = cs.error.take();
    let cs = &mut *cs;
    cs.hook.discard_frames(&cs.frames, 0);
    cs.frames.clear();
    cs.close_upvalues(ctx.mc, 0);
    cs.status = ThreadStatus::Dead;
    cs.started = true;
    if cs.tbc.is_empty() {
        cs.stack.clear();
        return Err(error);
    }
    if c_level >= MAX_C_LEVELS {
        // Every handler would fail to be called: PUC ends with this error.
        cs.tbc.clear();
        cs.stack.clear();
        return Err(Some(Value::String(ctx.intern(b"C stack overflow"))));
    }
    // Run the `__close` handlers on the coroutine itself.
    cs.base_c_level = c_level;
    cs.status = ThreadStatus::Running;
    cs.closing = true;
    cs.close_failed = error.is_some();
    cs.frames.push(Frame::Unwind {
        error: error.unwrap_or_default(),
        catcher: None,
        level: 0,
    });
    Ok(())
}

/// Raises `error` on the current thread: finds the frame that catches it,
/// runs the message handler, then unwinds.
fn raise<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    error: Value<'gc>,
    is_coroutine: bool,
) -> Next<'gc> {
    let catcher = find_catcher(ts);
    let above = catcher.map_or(0, |c| c + 1);
    let in_handler = ts.frames[above..]
        .iter()
        .any(|f| frame_ret(f) == Some(Ret::Handler));
    let Some(c) = catcher else {
        if ts.closing {
            ts.close_failed = true;
            ts.hook.discard_frames(&ts.frames, 0);
            ts.frames.clear();
            return continue_unwind(ctx, thread, ts, error, None, 0);
        }
        if is_coroutine {
            // The coroutine dies; its frames stay for `debug.traceback(co)`.
            return Next::ThreadFailed(error);
        }
        ts.traceback = Some(crate::traceback::traceback(
            ctx,
            ts,
            ts.frames.len(),
            None,
            0,
        ));
        ts.hook.discard_frames(&ts.frames, 0);
        ts.frames.clear();
        return continue_unwind(ctx, thread, ts, error, None, 0);
    };
    let handler = match &ts.frames[c] {
        Frame::Native(NativeFrame {
            catch: Catch::Protected { handler },
            ..
        }) => *handler,
        _ => None,
    };
    if in_handler {
        let error = Value::String(ctx.intern(b"error in error handling"));
        return unwind_to(ctx, thread, ts, error, c);
    }
    match handler {
        Some(h) if !h.is_nil() => {
            if ts.stack.len() + 2 > MAX_STACK {
                let error = Value::String(ctx.intern(b"error in error handling"));
                return unwind_to(ctx, thread, ts, error, c);
            }
            let func = ts.stack.len();
            ts.stack.push(h);
            ts.stack.push(error);
            match interp::precall(ctx, thread, ts, func, 1, 1, Ret::Handler, is_coroutine) {
                Ok(interp::Called::Lua) => Next::Continue,
                Ok(interp::Called::Returned(interp::Returned::Handler(v))) => {
                    handler_returned(ctx, thread, ts, v)
                }
                Ok(interp::Called::Returned(interp::Returned::Continue)) => Next::Continue,
                Ok(interp::Called::Action(action)) => Next::Action(action),
                Err(_) => {
                    let error = Value::String(ctx.intern(b"error in error handling"));
                    unwind_to(ctx, thread, ts, error, c)
                }
            }
        }
        _ => unwind_to(ctx, thread, ts, error, c),
    }
}

fn frame_ret(frame: &Frame<'_>) -> Option<Ret> {
    match frame {
        Frame::Lua(f) => Some(f.ret),
        Frame::Native(f) => Some(f.ret),
        Frame::Unwind { .. } => None,
    }
}

/// The innermost frame with a protected call in progress.
fn find_catcher(ts: &ThreadState<'_>) -> Option<usize> {
    ts.frames.iter().rposition(|f| {
        matches!(
            f,
            Frame::Native(NativeFrame {
                catch: Catch::Protected { .. },
                ..
            })
        )
    })
}

/// A message handler returned `value`: it replaces the error, which now
/// unwinds to the protected call without calling the handler again.
fn handler_returned<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    value: Value<'gc>,
) -> Next<'gc> {
    match find_catcher(ts) {
        Some(c) => unwind_to(ctx, thread, ts, value, c),
        None => {
            ts.hook.discard_frames(&ts.frames, 0);
            ts.frames.clear();
            continue_unwind(ctx, thread, ts, value, None, 0)
        }
    }
}

fn unwind_to<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    error: Value<'gc>,
    catcher: usize,
) -> Next<'gc> {
    let level = match &ts.frames[catcher] {
        Frame::Native(f) => f.call_level,
        _ => unreachable!("catcher is a native frame"),
    };
    ts.hook.discard_frames(&ts.frames, catcher + 1);
    ts.frames.truncate(catcher + 1);
    continue_unwind(ctx, thread, ts, error, Some(catcher), level)
}

/// Closes upvalues and to-be-closed variables down to `level`, one
/// `__close` call at a time, then delivers the error to the catcher.
fn continue_unwind<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    error: Value<'gc>,
    catcher: Option<usize>,
    level: usize,
) -> Next<'gc> {
    ts.close_upvalues(ctx.mc, level);
    if let Some(slot) = ts.pop_tbc(level) {
        let value = ts.stack.get(slot).copied().unwrap_or_default();
        let close = crate::meta::metamethod(ctx, value, crate::meta::MetaEvent::Close);
        ts.frames.push(Frame::Unwind {
            error,
            catcher,
            level,
        });
        let func = ts.stack.len();
        if func + 3 > MAX_STACK {
            return Next::Raise(Value::String(ctx.intern(b"stack overflow")));
        }
        ts.stack.extend([close, value, error]);
        return match interp::precall(ctx, thread, ts, func, 2, 0, Ret::UnwindClose, false) {
            Ok(interp::Called::Lua) | Ok(interp::Called::Returned(_)) => Next::Continue,
            Ok(interp::Called::Action(action)) => Next::Action(action),
            Err(e) => Next::Raise(e),
        };
    }
    match catcher {
        Some(c) => {
            ts.stack.truncate(level);
            if let Frame::Native(f) = &mut ts.frames[c] {
                f.error = Some(error);
                f.catch = Catch::No;
            }
            Next::Continue
        }
        None => {
            ts.stack.clear();
            if ts.closing && !ts.close_failed {
                Next::ThreadReturned(Vec::new())
            } else {
                Next::ThreadFailed(error)
            }
        }
    }
}
