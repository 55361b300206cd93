//! The embedding surface: [`Lua`] (one state: an arena and its root) and
//! [`Context`] (what code running inside a mutation uses).
//!
//! ```text
//! let mut lua = Lua::new();
//! lua.enter(|ctx| ctx.set_global("print", ctx.native(my_print)));
//! lua.exec(b"print('hi')", "=stdin")?;                 // compile + run
//! let f = lua.load(b"return ...", "=stdin")?;          // a Stashed function
//! let results = lua.call(&f, |ctx| vec![ctx.str("x")])?; // Vec<Stashed>
//! ```
//!
//! Values that must outlive one `enter` call are kept in [`Stashed`]
//! handles. The standard library is opened by `saturn-stdlib`; this crate
//! only provides the core (globals, registry, type metatables, GC, errors).
//!
//! # Guide for library code
//!
//! - A library function is a [`NativeFn`]: `fn(Context<'gc>, &mut Call<'gc,
//!   '_>) -> Result<Action<'gc>, Error<'gc>>` (see [`crate::executor`] for the
//!   actions and continuations). Register it with [`Context::native`] or
//!   [`Context::native_with_upvalues`] and `Table::set_str`.
//! - Errors: `Err(Error::runtime("bad argument #1 to 'insert' (table
//!   expected, got nil)"))` gets the caller's `chunk:line: ` prefix
//!   (`luaL_error`); `Err(Error::Value(v))` raises `v` as is (`error`).
//!   `call.where_(level)` is `luaL_where`.
//! - Calling Lua from a library function (`pcall`, `sort` comparators,
//!   `__tostring`, `gsub` replacement functions, `load` readers): push the
//!   function and its arguments on the window and return `Action::Call` or
//!   `Action::ProtectedCall` with a [`Continuation`](crate::executor::Continuation);
//!   the results are appended to the window when the continuation runs.
//! - Metatables: [`Context::metatable`] / [`Context::set_metatable`] (the
//!   latter honours `__mode` and `__gc`; the string library sets the shared
//!   string metatable with it). Metamethod names: [`Context::meta_name`].
//! - `package.loaded` is `registry._LOADED` (created here): tracebacks look
//!   functions up there to print `function 'string.format'`.
//! - `tostring`: [`Value::to_display_bytes`] is the no-metamethod form
//!   (`table: 0x...`); the library adds `__tostring` and `__name`.
//! - Coroutines: [`Thread::with_function`], `Action::Resume`, `Action::Yield`,
//!   `Action::CloseThread`, [`Thread::status`], `call.thread()`,
//!   `call.is_yieldable()`, [`Context::main_thread`].
//! - `collectgarbage`: "collect"/"step" return `Action::CollectGarbage` (the
//!   collector runs between executor slices); "count" is
//!   [`Context::memory_used`]; "stop"/"restart"/"isrunning"/modes and the
//!   pause and step multiplier ([`crate::gc::GcParams`]) use `ctx.state.gc`
//!   (see [`crate::gc`]).
//! - `load`: [`Context::load`] (text) or [`Context::load_proto`].
//! - `warn`: [`Context::warn`].

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use gc_arena::arena::CollectionPhase;
use gc_arena::metrics::Pacing;
use gc_arena::{Arena, DynamicRoot, DynamicRootSet, Gc, Mutation, RefLock, Rootable};

use crate::bytecode::Proto;
use crate::closure::{Function, FunctionProto, NativeFn, NativeInner, closed_upvalue, new_closure};
use crate::error::{ErrorKind, LuaError, error_object_text};
use crate::executor::{Error, Executor, StepResult};
use crate::gc::{self, GcParams, GcPhase, GcState};
use crate::host::{HostAnswer, HostJob, JobTarget, Master, NoMaster, PendingJob};
use crate::memory::MemoryAccount;
use crate::meta::{MetaEvent, MetaNames, TypeMetatables, metatable};
use crate::string::{Interner, LuaString};
use crate::table::Table;
use crate::thread::Thread;
use crate::value::Value;

/// Fuel given to one executor slice; the GC runs between slices.
pub const DEFAULT_SLICE_FUEL: i64 = 4096;

/// Receives each complete warning message.
pub type WarningSink = Box<dyn FnMut(&[u8])>;

/// Warning output (`warn`), off by default as in `lua.c`.
#[derive(Default)]
pub struct Warnings {
    pub on: bool,
    buffer: Vec<u8>,
    /// A message is under way (its earlier pieces are in `buffer`).
    continuing: bool,
    /// Where complete warnings go; `None`: stderr as `Lua warning: ...`.
    pub sink: Option<WarningSink>,
}

impl Warnings {
    /// Adds a piece of a warning (`tocont`: more pieces follow). Control
    /// messages `@on` / `@off` switch warnings, as `lua.c`'s handler does:
    /// a control message is a single piece starting with `@` that does not
    /// continue a message (even an empty first piece starts one). While
    /// warnings are off, every other piece is dropped at once.
    pub fn warn(&mut self, piece: &[u8], tocont: bool) {
        if !self.continuing {
            if !tocont && piece.first() == Some(&b'@') {
                match piece {
                    b"@on" => self.on = true,
                    b"@off" => self.on = false,
                    _ => {}
                }
                return;
            }
            if !self.on {
                return;
            }
        }
        self.buffer.extend_from_slice(piece);
        self.continuing = tocont;
        if tocont {
            return;
        }
        let message = std::mem::take(&mut self.buffer);
        match &mut self.sink {
            Some(sink) => sink(&message),
            None => {
                use std::io::Write;
                let mut err = std::io::stderr();
                let _ = err.write_all(b"Lua warning: ");
                let _ = err.write_all(&message);
                let _ = err.write_all(b"\n");
            }
        }
    }
}

/// The root of a state's arena.
#[derive(gc_arena::Collect)]
#[collect(no_drop)]
pub struct State<'gc> {
    pub globals: Table<'gc>,
    pub registry: Table<'gc>,
    pub interner: Interner<'gc>,
    pub main_thread: Thread<'gc>,
    pub metatables: Gc<'gc, RefLock<TypeMetatables<'gc>>>,
    pub meta_names: MetaNames<'gc>,
    pub roots: DynamicRootSet<'gc>,
    pub gc: GcState<'gc>,
    #[collect(require_static)]
    pub account: Rc<MemoryAccount>,
    #[collect(require_static)]
    pub warnings: RefCell<Warnings>,
    /// A job a native handed to the driver ([`Context::host_job`]).
    #[collect(require_static)]
    pub(crate) host_job: RefCell<Option<PendingJob>>,
    /// The state's interrupt flag ([`Lua::interrupt_flag`]), here so that
    /// the slaves a state creates share it.
    #[collect(require_static)]
    pub(crate) interrupt: Arc<AtomicBool>,
}

/// Everything code running inside a mutation needs: the mutation context
/// and the state's root. `Copy`, so pass it by value.
#[derive(Clone, Copy)]
pub struct Context<'gc> {
    pub mc: &'gc Mutation<'gc>,
    pub state: &'gc State<'gc>,
}

impl<'gc> Context<'gc> {
    /// An interned string.
    #[inline]
    pub fn intern(self, bytes: &[u8]) -> LuaString<'gc> {
        self.state.interner.intern(self.mc, bytes)
    }

    /// A string value.
    pub fn str(self, s: &str) -> Value<'gc> {
        Value::String(self.intern(s.as_bytes()))
    }

    pub fn new_table(self) -> Table<'gc> {
        Table::new(self.mc, &self.state.account)
    }

    /// A table with room for `array` sequence values and `hash` other keys
    /// (PUC's `lua_createtable`): the sizes decide when it first rehashes,
    /// and so which border `#` finds in it.
    pub fn new_table_with_capacity(self, array: usize, hash: usize) -> Table<'gc> {
        Table::with_capacity(self.mc, &self.state.account, array, hash)
    }

    pub fn globals(self) -> Table<'gc> {
        self.state.globals
    }

    pub fn registry(self) -> Table<'gc> {
        self.state.registry
    }

    pub fn main_thread(self) -> Thread<'gc> {
        self.state.main_thread
    }

    pub fn set_global(self, name: &str, value: Value<'gc>) {
        self.state
            .globals
            .set_str(self.mc, self.intern(name.as_bytes()), value);
    }

    pub fn get_global(self, name: &str) -> Value<'gc> {
        self.state
            .globals
            .get_str(self.mc, self.intern(name.as_bytes()))
    }

    /// A native function value from a plain `fn`.
    pub fn native(self, f: NativeFn) -> Value<'gc> {
        Value::NativeFunction(NativeInner::new(self.mc, f))
    }

    /// A native function value with upvalues.
    pub fn native_with_upvalues(
        self,
        f: NativeFn,
        upvalues: impl IntoIterator<Item = Value<'gc>>,
    ) -> Value<'gc> {
        Value::NativeFunction(NativeInner::with_upvalues(self.mc, f, upvalues))
    }

    /// The interned name of a metamethod event.
    pub fn meta_name(self, event: MetaEvent) -> LuaString<'gc> {
        self.state.meta_names.get(event)
    }

    /// The metatable of any value.
    pub fn metatable(self, value: Value<'gc>) -> Option<Table<'gc>> {
        metatable(self, value)
    }

    /// Sets a table's or userdata's metatable (weak modes and `__gc` are
    /// honoured), or a type's shared metatable for other values.
    pub fn set_metatable(self, value: Value<'gc>, mt: Option<Table<'gc>>) {
        match value {
            Value::Table(t) => gc::set_table_metatable(self, t, mt),
            Value::UserData(u) => gc::set_userdata_metatable(self, u, mt),
            _ => {
                crate::meta::set_type_metatable(self, value, mt);
            }
        }
    }

    /// Loads a compiled prototype as a function whose first upvalue
    /// (`_ENV`) is `env` (the globals when `None`).
    pub fn load_proto(self, proto: Rc<Proto>, env: Option<Value<'gc>>) -> Function<'gc> {
        let fproto = FunctionProto::load(self, proto);
        let env = env.unwrap_or(Value::Table(self.state.globals));
        let upvalues = (0..fproto.proto.upvalues.len())
            .map(|i| closed_upvalue(self.mc, if i == 0 { env } else { Value::Nil }));
        Function::Lua(new_closure(self.mc, fproto, upvalues))
    }

    /// Compiles Lua source text and loads it (see [`Context::load_proto`]).
    /// `chunkname` follows PUC's conventions (`=stdin`, `@file.lua`, or
    /// the source itself).
    pub fn load(
        self,
        text: &[u8],
        chunkname: &[u8],
        env: Option<Value<'gc>>,
    ) -> Result<Function<'gc>, crate::lex::SyntaxError> {
        let proto = crate::compile::load_text(text, chunkname)?;
        Ok(self.load_proto(Rc::new(proto), env))
    }

    /// `tostring` without `__tostring`/`__name` (the library adds those).
    pub fn to_display_string(self, value: Value<'gc>) -> LuaString<'gc> {
        match value {
            Value::String(s) => s,
            _ => self.intern(&value.to_display_bytes()),
        }
    }

    /// Keeps `value` alive outside mutations; fetch it with [`Context::fetch`].
    pub fn stash(self, value: Value<'gc>) -> Stashed {
        Stashed(
            self.state
                .roots
                .stash::<Rootable![Value<'_>]>(self.mc, Gc::new(self.mc, value)),
        )
    }

    pub fn fetch(self, stashed: &Stashed) -> Value<'gc> {
        *self.state.roots.fetch(&stashed.0)
    }

    /// Emits a warning piece (the `warn` function's back end).
    pub fn warn(self, piece: &[u8], tocont: bool) {
        self.state.warnings.borrow_mut().warn(piece, tocont);
    }

    /// PUC's `luaE_warnerror`: "error in WHERE (message)" as one warning,
    /// for an error no one can catch (a `__gc` finalizer's). `message` is
    /// the error's text when it is a string; any other error object shows
    /// as "error object is not a string".
    pub fn warn_error(self, place: &[u8], message: Option<&[u8]>) {
        self.warn(b"error in ", true);
        self.warn(place, true);
        self.warn(b" (", true);
        self.warn(message.unwrap_or(b"error object is not a string"), true);
        self.warn(b")", false);
    }

    /// Bytes in use, as `collectgarbage("count")` reports (in KB there).
    pub fn memory_used(self) -> usize {
        self.state.account.total()
    }

    /// An empty buffer with room for a `len`-byte string about to be built,
    /// or PUC's "not enough memory" error when that would pass the memory
    /// limit or the allocator refuses: one huge concatenation or
    /// `string.rep` must fail as a Lua error, not abort the process, and the
    /// limit cannot wait for the next safe point.
    pub fn string_buffer(self, len: usize) -> Result<Vec<u8>, Error<'gc>> {
        let mut buffer = Vec::new();
        if self.state.account.would_exceed(len) || buffer.try_reserve_exact(len).is_err() {
            return Err(Error::Value(self.str("not enough memory")));
        }
        Ok(buffer)
    }
}

/// A value kept alive outside the arena's mutations.
#[derive(Clone)]
pub struct Stashed(DynamicRoot<Rootable![Value<'_>]>);

/// A running execution kept outside mutations.
#[derive(Clone)]
struct StashedExecutor(DynamicRoot<Rootable![Executor<'_>]>);

/// A call under way in a state, driven by [`Lua::drive`].
pub struct Execution {
    executor: StashedExecutor,
    /// Instructions run so far (counted in executor fuel).
    pub instructions: u64,
    /// Past this many instructions the call ends with
    /// [`INSTRUCTION_LIMIT_MESSAGE`], which no `pcall` inside it can catch.
    pub instruction_limit: Option<u64>,
}

/// The error of a call stopped by its instruction limit.
pub const INSTRUCTION_LIMIT_MESSAGE: &[u8] = b"instruction limit exceeded";

/// Where [`Lua::drive`] stopped.
pub enum Drive {
    Finished,
    /// A native asked for this job to run on this state.
    Job(HostJob),
    /// A native asked for this job to run on the state's master.
    MasterJob(HostJob),
}

type StateArena = Arena<Rootable![State<'_>]>;

/// One Lua state.
pub struct Lua {
    arena: StateArena,
    account: Rc<MemoryAccount>,
    /// Fuel per executor slice.
    pub slice_fuel: i64,
    /// Set from outside (another thread, a signal handler) to stop the
    /// running code; see [`Lua::interrupt_flag`]. The same flag as the
    /// state's (which its slaves share), kept here to be read every slice
    /// without entering the arena.
    interrupt: Arc<AtomicBool>,
    /// Estimated heap size at which the next collection starts.
    gc_threshold: usize,
    /// The heap estimate at the previous step of the current cycle: what was
    /// allocated since pays for the next mark step.
    gc_last_estimate: usize,
    /// The heap estimate when the current cycle started.
    gc_cycle_start: usize,
    /// Mark work done in the current cycle, in gc-arena debt units.
    gc_cycle_work: f64,
    /// Mark work done beyond what the previous steps paid for (zero or
    /// negative): one object's trace can mark thousands of others, and the
    /// next automatic step owes that much less.
    gc_mark_credit: f64,
}

/// Bytes a `Gc` object is assumed to weigh beyond what it charges itself.
const BYTES_PER_OBJECT: usize = 64;
/// No automatic collection below this estimated heap size.
const MIN_GC_THRESHOLD: usize = 1 << 20;
/// Mark work, in gc-arena debt units, that one byte of allocation pays for
/// at a step multiplier of 100: with [`gc_pacing`] a unit is one object
/// traced, so this is the manual's "how many elements it marks for each
/// kilobyte of memory allocated" (100). An object weighs at least
/// [`BYTES_PER_OBJECT`] in the heap estimate, so marking ends before the
/// heap grows by about a sixth of its size at the cycle's start.
const MARK_UNITS_PER_BYTE: f64 = 100.0 / 1024.0;
/// Sweep work (in gc-arena debt units: about five dead objects each at a
/// step multiplier of 100) done at every pause between slices while a sweep
/// is under way, on top of what allocation pays.
const SWEEP_STEP_DEBT: f64 = 64.0;
/// Heaps smaller than this are swept at once: they stay in the cache
/// anyway, and gc-arena's incremental sweep computes its debt after every
/// object (measured: `closures`, a small heap, 1.72 -> 1.95 s when swept
/// incrementally; `binary_trees`, about 40 MB, 3.0 -> 2.4 s). The limit
/// bounds the pause, not the cost: re-measured with tables of one 112-byte
/// allocation each, sweeping larger heaps at once is faster too
/// (`binary_trees`, about 26 MB: 1.53 s against 1.65 s, 7 % less peak
/// memory, and the incremental sweeps execute about 40 % more
/// instructions), but one sweep of its heap takes up to 10 ms, and 46 ms
/// at 86 MB.
const INCREMENTAL_SWEEP_HEAP: usize = 8 << 20;
/// A cycle whose marking has done this many times as much work as there are
/// objects, or during which the heap has grown to this many times its size,
/// is marked to the end at once: the mutator keeps handing it work (write
/// barriers turning black objects gray again) faster than the steps do it.
const MARK_OVERDUE_FACTOR: usize = 3;
/// Added to a debt and taken away again to read gc-arena's balance, which
/// `Metrics::allocation_debt` shows only when positive.
const DEBT_OFFSET: f64 = (1u64 << 40) as f64;

/// gc-arena's pacing, whose factors say what each piece of work earns. The
/// driver sets the debt itself before every step (in these units), so only
/// the ratios matter. Marking: one unit per object traced (its `Collect::trace`
/// called), a tenth of a unit per object newly marked (strings and other
/// leaves are marked without a trace). Sweeping, paid by the objects
/// allocated since the last step (one unit each) as gc-arena does, plus the
/// bytes tables and strings report through
/// [`charge_debt`](crate::memory::charge_debt) (a small table pays almost
/// three units): at a step multiplier of 100 a unit frees five dead objects
/// or passes over fifty live ones. Measured: sweeping ten dead objects per
/// allocation was slower on `binary_trees` (2.7-2.95 s against 2.35-2.4 s);
/// two per allocation let the sweep fall behind `string_build` (the
/// threshold is reset from the heap at the end of the sweep, so the heap
/// kept growing, to 88 MB); charging a table only for its parts outside the
/// object (one unit per small table) was no faster on `binary_trees` and
/// raised its peak from 26 to 33 MB.
fn gc_pacing(params: GcParams) -> Pacing {
    let slower = 1.0 / params.speed();
    Pacing {
        sleep_factor: 0.0,
        min_sleep: 0,
        mark_factor: 0.1,
        trace_factor: 1.0,
        keep_factor: 0.02 * slower,
        drop_factor: 0.1 * slower,
        free_factor: 0.1 * slower,
    }
}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

impl Lua {
    /// A state with the core only (no standard library).
    pub fn new() -> Lua {
        Lua::with_account(MemoryAccount::new(), Arc::new(AtomicBool::new(false)))
    }

    /// A state in the same ring as the state of `ctx` (a `rings` slave):
    /// its own heap, drawing on that state's ring memory budget, with its
    /// collector parameters. (Creating an arena inside another's mutation
    /// is fine: arenas share nothing.)
    pub fn new_in_ring_of(ctx: Context<'_>) -> Lua {
        let account = MemoryAccount::in_ring(ctx.state.account.ring());
        let mut lua = Lua::with_account(account, Arc::clone(&ctx.state.interrupt));
        lua.set_gc_params(ctx.state.gc.borrow().params);
        lua
    }

    fn with_account(account: Rc<MemoryAccount>, interrupt: Arc<AtomicBool>) -> Lua {
        let state_interrupt = Arc::clone(&interrupt);
        let root_account = Rc::clone(&account);
        let arena = StateArena::new(move |mc| {
            let interner = Interner::new(mc, Rc::clone(&root_account));
            let globals = Table::new(mc, &root_account);
            let registry = Table::new(mc, &root_account);
            let meta_names = MetaNames::new(|b| interner.intern(mc, b));
            let main_thread = Thread::new(mc);
            registry.set_int(mc, 1, Value::Thread(main_thread));
            registry.set_int(mc, 2, Value::Table(globals));
            let loaded = Table::new(mc, &root_account);
            registry.set_str(mc, interner.intern(mc, b"_LOADED"), Value::Table(loaded));
            loaded.set_str(mc, interner.intern(mc, b"_G"), Value::Table(globals));
            globals.set_str(mc, interner.intern(mc, b"_G"), Value::Table(globals));
            State {
                globals,
                registry,
                interner,
                main_thread,
                metatables: Gc::new(mc, RefLock::new(TypeMetatables::default())),
                meta_names,
                roots: DynamicRootSet::new(mc),
                gc: gc::new_gc_state(mc),
                account: root_account,
                warnings: RefCell::new(Warnings::default()),
                host_job: RefCell::new(None),
                interrupt: state_interrupt,
            }
        });
        arena.metrics().set_pacing(gc_pacing(GcParams::DEFAULT));
        Lua {
            arena,
            account,
            slice_fuel: DEFAULT_SLICE_FUEL,
            interrupt,
            gc_threshold: MIN_GC_THRESHOLD,
            gc_last_estimate: 0,
            gc_cycle_start: 0,
            gc_cycle_work: 0.0,
            gc_mark_credit: 0.0,
        }
    }

    /// The flag that stops the code this state is running: whoever holds a
    /// clone (another thread watching a deadline, a signal handler) sets it,
    /// and at the end of the current slice (a few thousand instructions or
    /// native calls at most) the running function raises the error
    /// "interrupted!" (prefixed, as PUC's `lua.c` does on Ctrl-C, with the
    /// position of the running function's caller when that is Lua code).
    /// The flag is cleared when acted on. Like any error it can be caught by
    /// `pcall`; one long native call (a huge `string.rep`) is not cut short.
    /// The error is raised in the running coroutine (PUC's `lua.c` hooks
    /// the main thread only, so there a coroutine that never yields goes on).
    ///
    /// ```text
    /// let flag = lua.interrupt_flag();
    /// std::thread::spawn(move || { sleep(limit); flag.store(true, Ordering::Relaxed) });
    /// lua.exec(b"while true do end", "=script")  // Err: "interrupted!"
    /// ```
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interrupt)
    }

    /// Runs `f` inside a mutation of this state.
    pub fn enter<F, R>(&self, f: F) -> R
    where
        F: for<'gc> FnOnce(Context<'gc>) -> R,
    {
        self.arena.mutate(|mc, state| f(Context { mc, state }))
    }

    /// Compiles and loads a chunk, keeping the function in a handle.
    pub fn load(&mut self, text: &[u8], chunkname: impl AsRef<[u8]>) -> Result<Stashed, LuaError> {
        self.enter(|ctx| {
            let f = ctx.load(text, chunkname.as_ref(), None)?;
            Ok(ctx.stash(Value::from(f)))
        })
    }

    /// Loads and runs a chunk, discarding its results (like `luaL_dostring`).
    pub fn exec(&mut self, text: &[u8], chunkname: impl AsRef<[u8]>) -> Result<(), LuaError> {
        let f = self.load(text, chunkname)?;
        self.call(&f, |_| Vec::new()).map(|_| ())
    }

    /// Loads and runs a chunk, returning its results as display strings
    /// (handy in tests and the REPL).
    pub fn eval_to_strings(
        &mut self,
        text: &[u8],
        chunkname: impl AsRef<[u8]>,
    ) -> Result<Vec<String>, LuaError> {
        let f = self.load(text, chunkname)?;
        self.call_with(
            |ctx| (ctx.fetch(&f), Vec::new()),
            |_, values| {
                values
                    .iter()
                    .map(|v| String::from_utf8_lossy(&v.to_display_bytes()).into_owned())
                    .collect()
            },
        )
    }

    /// Calls a stashed function with arguments built by `args`, running it to
    /// completion through the executor, and returns its results stashed.
    pub fn call<F>(&mut self, function: &Stashed, args: F) -> Result<Vec<Stashed>, LuaError>
    where
        F: for<'gc> FnOnce(Context<'gc>) -> Vec<Value<'gc>>,
    {
        self.call_with(
            |ctx| (ctx.fetch(function), args(ctx)),
            |ctx, values| values.iter().map(|v| ctx.stash(*v)).collect(),
        )
    }

    /// The general form of [`Lua::call`]: `start` picks the function and the
    /// arguments; `finish` converts the results inside the final mutation.
    pub fn call_with<S, F, R>(&mut self, start: S, finish: F) -> Result<R, LuaError>
    where
        S: for<'gc> FnOnce(Context<'gc>) -> (Value<'gc>, Vec<Value<'gc>>),
        F: for<'gc> FnOnce(Context<'gc>, &[Value<'gc>]) -> R,
    {
        self.call_as(false, start, finish, &mut NoMaster)
    }

    /// [`Lua::call_with`], for a `__gc` finalizer when `finalizer` is set
    /// (the debug library names the called function as PUC does).
    fn call_as<S, F, R>(
        &mut self,
        finalizer: bool,
        start: S,
        finish: F,
        master: &mut dyn Master,
    ) -> Result<R, LuaError>
    where
        S: for<'gc> FnOnce(Context<'gc>) -> (Value<'gc>, Vec<Value<'gc>>),
        F: for<'gc> FnOnce(Context<'gc>, &[Value<'gc>]) -> R,
    {
        // Garbage left by an earlier run (say, one stopped by "not enough
        // memory") still counts against the limit: collect it first, as
        // PUC's emergency collection would at the next allocation.
        let mut execution = self.start_execution(|ctx| {
            let (function, args) = start(ctx);
            (function, args, finalizer)
        });
        self.run_to_completion(&mut execution, master);
        let outcome = self.enter(|ctx| {
            let ex = *ctx.state.roots.fetch(&execution.executor.0);
            let traceback = ex.traceback().unwrap_or_default();
            match ex.take_result(ctx.mc) {
                Some(Ok(values)) => Ok(finish(ctx, &values)),
                Some(Err(error)) => {
                    let has_tostring =
                        !crate::meta::metamethod(ctx, error, MetaEvent::ToString).is_nil();
                    let stashed = has_tostring.then(|| ctx.stash(error));
                    Err((error_to_rust(ctx, error, traceback), stashed))
                }
                None => Err((
                    LuaError::new(ErrorKind::Runtime, "execution did not finish"),
                    None,
                )),
            }
        });
        match outcome {
            Ok(r) => Ok(r),
            Err((mut error, Some(value))) => {
                // As `lua.c`'s message handler: an error object with
                // `__tostring` is reported through it, without a traceback.
                let text = self.error_tostring(&value);
                if let Some(text) = text {
                    error.message = text;
                    error.traceback.clear();
                }
                Err(error)
            }
            Err((error, None)) => Err(error),
        }
    }

    /// Calls `__tostring` on an error object; its string result, if any.
    fn error_tostring(&mut self, value: &Stashed) -> Option<Vec<u8>> {
        let mut execution = self.start_execution(|ctx| {
            let v = ctx.fetch(value);
            let handler = crate::meta::metamethod(ctx, v, MetaEvent::ToString);
            (handler, vec![v], false)
        });
        self.run_to_completion(&mut execution, &mut NoMaster);
        self.enter(|ctx| {
            let ex = *ctx.state.roots.fetch(&execution.executor.0);
            match ex.take_result(ctx.mc) {
                Some(Ok(values)) => match values.first() {
                    Some(Value::String(s)) => Some(s.as_bytes().to_vec()),
                    _ => None,
                },
                _ => None,
            }
        })
    }

    /// Prepares a call: `start` gives the function, its arguments and
    /// whether it is a `__gc` finalizer (the debug library names it so).
    /// Garbage left by an earlier run (say, one stopped by "not enough
    /// memory") still counts against the limit: it is collected first, as
    /// PUC's emergency collection would at the next allocation.
    fn start_execution<S>(&mut self, start: S) -> Execution
    where
        S: for<'gc> FnOnce(Context<'gc>) -> (Value<'gc>, Vec<Value<'gc>>, bool),
    {
        if self.account.is_over_limit() {
            self.gc_collect();
        }
        let executor = self.enter(|ctx| {
            let (function, args, finalizer) = start(ctx);
            let thread = idle_thread(ctx);
            let ex = Executor::start(ctx, thread, function, &args);
            thread.0.borrow_mut(ctx.mc).finalizer = finalizer;
            StashedExecutor(
                ctx.state
                    .roots
                    .stash::<Rootable![Executor<'_>]>(ctx.mc, Gc::new(ctx.mc, ex)),
            )
        });
        Execution {
            executor,
            instructions: 0,
            instruction_limit: None,
        }
    }

    /// Starts calling the function `start` picks with the arguments it
    /// gives, to be run by [`Lua::drive`].
    pub fn start_call<S>(&mut self, start: S) -> Execution
    where
        S: for<'gc> FnOnce(Context<'gc>) -> (Value<'gc>, Vec<Value<'gc>>),
    {
        self.start_execution(|ctx| {
            let (function, args) = start(ctx);
            (function, args, false)
        })
    }

    /// Steps an execution to the end, collecting garbage and running
    /// finalizers between slices, and enforcing the memory limit; jobs for
    /// this state run here, master jobs on `master`.
    fn run_to_completion(&mut self, execution: &mut Execution, master: &mut dyn Master) {
        loop {
            let answer = match self.drive(execution, master) {
                Drive::Finished => break,
                Drive::Job(job) => job(self, master),
                Drive::MasterJob(job) => master.run_job(job),
            };
            self.answer(execution, answer);
        }
    }

    /// Runs `execution` until it finishes or a native asks for a host job,
    /// which is returned: run it (on this state for [`Drive::Job`], on the
    /// master for [`Drive::MasterJob`]), give its answer to [`Lua::answer`]
    /// and drive again. Between slices the collector steps, finalizers run
    /// (with `master` for what they ask of it), and the memory limit and
    /// the execution's instruction limit are enforced.
    pub fn drive(&mut self, execution: &mut Execution, master: &mut dyn Master) -> Drive {
        loop {
            let fuel = self.slice_fuel;
            let (finished, used) = self.enter(|ctx| {
                let ex = *ctx.state.roots.fetch(&execution.executor.0);
                let mut left = fuel;
                let finished = ex.step(ctx, &mut left) == StepResult::Finished;
                (finished, fuel.saturating_sub(left.max(0)))
            });
            execution.instructions = execution.instructions.saturating_add(used as u64);
            if finished {
                break;
            }
            if let Some(pending) = self.enter(|ctx| ctx.state.host_job.borrow_mut().take()) {
                return match pending.target {
                    JobTarget::ThisState => Drive::Job(pending.job),
                    JobTarget::Master => Drive::MasterJob(pending.job),
                };
            }
            // One load per slice; the swap only when an interrupt came.
            if self.interrupt.load(Ordering::Relaxed)
                && self.interrupt.swap(false, Ordering::Relaxed)
            {
                self.enter(|ctx| {
                    let ex = *ctx.state.roots.fetch(&execution.executor.0);
                    ex.inject_located_error(ctx.mc, ctx.intern(b"interrupted!"));
                });
            }
            match self.enter(gc::take_request) {
                Some(gc::GcRequest::Collect) => self.collect_garbage(),
                Some(gc::GcRequest::Pace) => {}
                Some(gc::GcRequest::Step(kb)) => {
                    let done = self.gc_step_kb(kb);
                    self.enter(|ctx| ctx.state.gc.borrow_mut(ctx.mc).step_finished = done);
                }
                None => {}
            }
            self.gc_step();
            if self.account.is_over_limit() {
                self.collect_garbage();
                if self.account.is_over_limit() {
                    self.enter(|ctx| {
                        let ex = *ctx.state.roots.fetch(&execution.executor.0);
                        ex.inject_error(ctx.mc, ctx.str("not enough memory"));
                    });
                }
            }
            if execution
                .instruction_limit
                .is_some_and(|limit| execution.instructions > limit)
            {
                self.enter(|ctx| {
                    let ex = *ctx.state.roots.fetch(&execution.executor.0);
                    ex.abort(ctx, Value::String(ctx.intern(INSTRUCTION_LIMIT_MESSAGE)));
                });
            }
            self.run_finalizers_with(master);
        }
        self.gc_step();
        self.run_finalizers_with(master);
        Drive::Finished
    }

    /// Gives the answer of a job returned by [`Lua::drive`] to the native
    /// that asked for it.
    pub fn answer(&mut self, execution: &Execution, answer: HostAnswer) {
        self.enter(|ctx| {
            let ex = *ctx.state.roots.fetch(&execution.executor.0);
            let answer = match answer {
                Ok(values) => Ok(values.iter().map(|t| t.to_value(ctx)).collect()),
                Err(error) => Err(error.to_value(ctx)),
            };
            ex.deliver_host_answer(ctx.mc, answer);
        });
    }

    /// The outcome of a finished execution, read inside a mutation: its
    /// results, or its error value with the traceback taken where it was
    /// raised.
    pub fn finish_execution<F, R>(&mut self, execution: Execution, finish: F) -> R
    where
        F: for<'gc> FnOnce(Context<'gc>, Result<&[Value<'gc>], (Value<'gc>, Vec<u8>)>) -> R,
    {
        self.enter(|ctx| {
            let ex = *ctx.state.roots.fetch(&execution.executor.0);
            let traceback = ex.traceback().unwrap_or_default();
            match ex.take_result(ctx.mc) {
                Some(Ok(values)) => finish(ctx, Ok(&values)),
                Some(Err(error)) => finish(ctx, Err((error, traceback))),
                None => finish(ctx, Err((ctx.str("execution did not finish"), traceback))),
            }
        })
    }

    /// Runs queued `__gc` metamethods; their errors become warnings.
    pub fn run_finalizers(&mut self) {
        self.run_finalizers_with(&mut NoMaster);
    }

    /// [`Lua::run_finalizers`], with `master` running what they ask of this
    /// state's master (a rings slave's finalizer may call `remotedostring`).
    pub fn run_finalizers_with(&mut self, master: &mut dyn Master) {
        let mut ran = false;
        loop {
            let job = self.enter(|ctx| {
                let pending = gc::take_pending(ctx);
                if pending.is_empty() {
                    return None;
                }
                Some(
                    pending
                        .into_iter()
                        .map(|v| ctx.stash(v))
                        .collect::<Vec<_>>(),
                )
            });
            let Some(objects) = job else { break };
            ran = true;
            for object in objects {
                self.call_finalizer(&object, master);
            }
        }
        // Finalizers that closed slaves (rings) freed bytes the threshold
        // set at the end of the cycle still counted as live.
        if ran && self.gc_phase() == GcPhase::Paused && self.account.slave_bytes() > 0 {
            self.reset_gc_threshold();
        }
    }

    fn call_finalizer(&mut self, object: &Stashed, master: &mut dyn Master) {
        let outer = self.enter(|ctx| {
            std::mem::replace(&mut ctx.state.gc.borrow_mut(ctx.mc).in_finalizer, true)
        });
        let result = self.call_as(
            true,
            |ctx| {
                let v = ctx.fetch(object);
                let handler = crate::meta::metamethod(ctx, v, MetaEvent::Gc);
                (handler, vec![v])
            },
            |_, _| (),
            master,
        );
        self.enter(|ctx| ctx.state.gc.borrow_mut(ctx.mc).in_finalizer = outer);
        if let Err(e) = result {
            // Only a string error is shown as is.
            let message = (e.value_type == "string").then_some(&e.message[..]);
            self.enter(|ctx| ctx.warn_error(b"__gc", message));
        }
    }

    /// Runs `__gc` for every object still registered (state shutdown).
    pub fn close(&mut self) {
        self.close_with(&mut NoMaster);
    }

    /// [`Lua::close`], with `master` running what the finalizers ask of
    /// this state's master.
    pub fn close_with(&mut self, master: &mut dyn Master) {
        self.enter(gc::start_closing);
        // One at a time: a finalizer that calls `os.exit(code, true)` runs
        // the rest itself.
        while let Some(object) = self.enter(|ctx| gc::next_to_close(ctx).map(|v| ctx.stash(v))) {
            self.call_finalizer(&object, master);
        }
    }

    /// One collector step at a safe point (between executor slices);
    /// nothing while the collector is stopped.
    ///
    /// gc-arena paces by object count, which a 3-million-slot table fools
    /// (one object, a huge trace). So the driver paces by *bytes*: the
    /// account's bytes plus a fixed weight per object. When that estimate
    /// reaches the threshold a cycle starts; when the cycle ends the
    /// threshold becomes `pause`% of the surviving heap (PUC's default:
    /// collect when it doubles). Amortized, collection costs O(allocation).
    ///
    /// Marking is incremental: each step marks as much as the bytes
    /// allocated since the previous step pay for, times the step multiplier
    /// ([`MARK_UNITS_PER_BYTE`]), plus one basic step ([`GcParams::step_bytes`])
    /// so that a cycle ends even when nothing is allocated. When marking is
    /// complete, the finalize phase of [`crate::gc`] (weak tables, `__gc`
    /// resurrection) and the marking it calls for run at once, like PUC's
    /// atomic phase; then sweeping starts, spread over the following steps on
    /// heaps of [`INCREMENTAL_SWEEP_HEAP`] or more (see [`Lua::sweep_step`]),
    /// at once on smaller ones.
    pub fn gc_step(&mut self) {
        let phase = self.gc_phase();
        if phase == GcPhase::Paused && self.pacing_bytes() < self.gc_threshold {
            return;
        }
        let (stopped, params) = self.enter(|ctx| {
            let gc = ctx.state.gc.borrow();
            (gc.stopped, gc.params)
        });
        if stopped {
            return;
        }
        match phase {
            GcPhase::Paused => {
                self.start_cycle(params);
                self.auto_mark_step(params);
            }
            GcPhase::Marking => self.auto_mark_step(params),
            GcPhase::Sweeping => self.sweep_step(),
        }
    }

    /// Where the collector is in its cycle.
    pub fn gc_phase(&self) -> GcPhase {
        match self.arena.collection_phase() {
            CollectionPhase::Sleeping => GcPhase::Paused,
            CollectionPhase::Marking | CollectionPhase::Marked => GcPhase::Marking,
            CollectionPhase::Sweeping => GcPhase::Sweeping,
        }
    }

    /// The collector's parameters (`collectgarbage("incremental", ...)`).
    pub fn gc_params(&self) -> GcParams {
        self.enter(|ctx| ctx.state.gc.borrow().params)
    }

    pub fn set_gc_params(&mut self, params: GcParams) {
        self.enter(|ctx| ctx.state.gc.borrow_mut(ctx.mc).params = params);
    }

    /// Starts a collection cycle (the collector is paused).
    fn start_cycle(&mut self, params: GcParams) {
        let now = self.pacing_bytes();
        self.gc_cycle_start = now;
        self.gc_last_estimate = now;
        self.gc_cycle_work = 0.0;
        self.gc_mark_credit = 0.0;
        self.arena.metrics().set_pacing(gc_pacing(params));
    }

    /// The mark step of [`Lua::gc_step`]: paid by the bytes allocated since
    /// the previous step plus one basic step. If it finishes marking, the
    /// sweep starts with a first step.
    fn auto_mark_step(&mut self, params: GcParams) {
        let now = self.pacing_bytes();
        let allocated = now.saturating_sub(self.gc_last_estimate);
        self.gc_last_estimate = now;
        let bytes = allocated as f64 + params.step_bytes();
        let budget = bytes * MARK_UNITS_PER_BYTE * params.speed();
        self.mark_step(budget);
        if self.gc_phase() == GcPhase::Marking {
            return;
        }
        self.start_sweep(params);
        if self.gc_phase() == GcPhase::Sweeping {
            self.sweep_step();
        }
    }

    /// Marks for about `budget` units of work, less the credit left by the
    /// previous step; returns the work done. When marking completes (or is
    /// overdue, see [`MARK_OVERDUE_FACTOR`]), the finalize phase runs and the
    /// arena is left ready to sweep.
    fn mark_step(&mut self, budget: f64) -> f64 {
        // What gc-arena counted since the previous step (objects allocated,
        // write barriers) is replaced by the driver's own count of bytes.
        let owed = budget + self.gc_mark_credit;
        self.set_gc_balance(owed);
        let marked = self.arena.mark_debt().is_some();
        let balance = self.gc_balance();
        self.gc_mark_credit = balance.min(0.0);
        let work = (owed - balance).max(0.0);
        self.gc_cycle_work += work;
        if marked || self.marking_overdue() {
            self.finish_marking();
        }
        work
    }

    /// Whether marking fell so far behind that it must end at once.
    fn marking_overdue(&self) -> bool {
        let objects = self.arena.metrics().total_gc_count();
        self.gc_cycle_work > (MARK_OVERDUE_FACTOR * objects) as f64
            || self.heap_estimate() > MARK_OVERDUE_FACTOR.saturating_mul(self.gc_cycle_start)
    }

    /// Marks whatever is left, runs the finalize phase (the marking that
    /// resurrection calls for included, with no mutation in between) and
    /// leaves the arena at the start of its sweep.
    fn finish_marking(&mut self) {
        while let Some(marked) = self.arena.finish_marking() {
            let resurrected = marked.finalize(|fc, state| gc::finalize_pass(fc, state.gc));
            if resurrected {
                // Mark what the resurrected objects reach, then look again.
                continue;
            }
            // The pass itself may have turned objects gray (its writes go
            // through barriers): mark them before sweeping.
            if let Some(marked) = self.arena.finish_marking() {
                marked.start_sweeping();
            }
            break;
        }
    }

    /// After marking: small heaps are swept at once (ending the cycle);
    /// otherwise sweeping starts with nothing owed, so that what was
    /// allocated before is not paid again.
    fn start_sweep(&mut self, params: GcParams) {
        if self.heap_estimate() < INCREMENTAL_SWEEP_HEAP {
            self.arena.finish_cycle();
            self.end_cycle();
            return;
        }
        self.arena.metrics().set_pacing(gc_pacing(params));
        self.set_gc_balance(0.0);
    }

    /// Frees part of the garbage of the current cycle: as much as the
    /// objects allocated since the last step pay for (each one about five
    /// dead objects at a step multiplier of 100) plus a fixed minimum, so
    /// the sweep ends even when nothing is allocated. Freeing in small steps
    /// between slices lets the allocator hand the freed memory out again
    /// while it is still in the cache; one sweep of the whole heap leaves it
    /// cold (measured: `binary_trees` spent a third of its time in `malloc`
    /// cache misses).
    fn sweep_step(&mut self) {
        self.arena.metrics().adjust_debt(SWEEP_STEP_DEBT);
        self.arena.cycle_debt();
        if self.gc_phase() != GcPhase::Sweeping {
            self.end_cycle();
        }
    }

    /// A cycle just ended: forget dead strings, set the next threshold.
    fn end_cycle(&mut self) {
        self.prune_strings();
        self.reset_gc_threshold();
    }

    /// gc-arena's debt balance: positive when work is owed, negative when
    /// the last step did more than was owed.
    fn gc_balance(&self) -> f64 {
        let metrics = self.arena.metrics();
        metrics.adjust_debt(DEBT_OFFSET);
        let debt = metrics.allocation_debt();
        metrics.adjust_debt(-DEBT_OFFSET);
        debt - DEBT_OFFSET
    }

    /// Sets gc-arena's debt balance to `debt`.
    fn set_gc_balance(&self, debt: f64) {
        let balance = self.gc_balance();
        self.arena.metrics().adjust_debt(debt - balance);
    }

    /// Bytes charged plus a fixed weight per live object.
    pub fn heap_estimate(&self) -> usize {
        self.account
            .total()
            .saturating_add(self.arena.metrics().total_gc_count() * BYTES_PER_OBJECT)
    }

    /// What starts a cycle, and the growth that pays for marking: the heap
    /// estimate, plus, in the state that started a ring, its slaves' bytes
    /// ([`MemoryAccount::slave_bytes`]), which its collector frees by
    /// freeing their userdata. (They are not in `collectgarbage("count")`.)
    fn pacing_bytes(&self) -> usize {
        self.heap_estimate()
            .saturating_add(self.account.slave_bytes())
    }

    fn reset_gc_threshold(&mut self) {
        let live = self.pacing_bytes();
        let pause = self.gc_params().pause().max(0) as usize;
        self.gc_threshold = (live / 100).saturating_mul(pause).max(MIN_GC_THRESHOLD);
    }

    /// A full collection cycle, including finalization (`collectgarbage()`).
    /// A cycle under way is finished first: what it marked may have died
    /// since.
    pub fn gc_collect(&mut self) {
        self.collect_garbage();
        self.run_finalizers();
    }

    /// [`Lua::gc_collect`] without running the finalizers it queues (the
    /// driver runs them with the state's master).
    fn collect_garbage(&mut self) {
        self.finish_cycle_under_way();
        self.enter(|ctx| ctx.state.gc.borrow_mut(ctx.mc).string_keys_dropped = false);
        self.full_cycle();
        let again = self
            .enter(|ctx| std::mem::take(&mut ctx.state.gc.borrow_mut(ctx.mc).string_keys_dropped));
        if again {
            self.full_cycle();
        }
        self.reset_gc_threshold();
    }

    /// `collectgarbage("step", kbytes)`: collector work worth `kbytes` KB of
    /// allocation (one basic step when `kbytes` is 0), as PUC does: starts a
    /// cycle if none is under way, never goes past the end of one, and runs
    /// even when the collector is stopped. Returns whether the step finished
    /// a cycle. (A negative size, which PUC adds to its debt, does nothing.)
    pub fn gc_step_kb(&mut self, kbytes: i64) -> bool {
        // `lua_gc` takes an `int`.
        let kbytes = kbytes as i32;
        if kbytes < 0 {
            return false;
        }
        let params = self.gc_params();
        let bytes = if kbytes == 0 {
            params.step_bytes()
        } else {
            f64::from(kbytes) * 1024.0
        };
        let mut bytes_left = bytes;
        let phase = self.gc_phase();
        if phase != GcPhase::Sweeping {
            if phase == GcPhase::Paused {
                self.start_cycle(params);
            }
            // A requested step does its work whatever credit is left.
            self.gc_mark_credit = 0.0;
            let units_per_byte = MARK_UNITS_PER_BYTE * params.speed();
            let work = self.mark_step(bytes_left * units_per_byte);
            if self.gc_phase() == GcPhase::Marking {
                return false;
            }
            bytes_left -= work / units_per_byte;
            self.start_sweep(params);
        }
        if self.gc_phase() == GcPhase::Sweeping && bytes_left > 0.0 {
            self.set_gc_balance(bytes_left / BYTES_PER_OBJECT as f64);
            self.arena.cycle_debt();
            if self.gc_phase() == GcPhase::Paused {
                self.end_cycle();
            }
        }
        self.gc_phase() == GcPhase::Paused
    }

    /// Brings a cycle under way to its end: marking (with the finalize
    /// phase) and sweeping at once.
    fn finish_cycle_under_way(&mut self) {
        match self.gc_phase() {
            GcPhase::Paused => return,
            GcPhase::Marking => self.finish_marking(),
            GcPhase::Sweeping => {}
        }
        self.arena.finish_cycle();
        self.end_cycle();
    }

    /// Runs one complete collection cycle from the pause, with the finalize
    /// phase of the module docs of [`crate::gc`] (weak tables, `__gc`
    /// resurrection).
    fn full_cycle(&mut self) {
        self.finish_marking();
        self.arena.finish_cycle();
        self.prune_strings();
    }

    fn prune_strings(&self) {
        self.enter(|ctx| ctx.state.interner.prune(ctx.mc));
    }

    pub fn is_gc_stopped(&self) -> bool {
        self.enter(|ctx| ctx.state.gc.borrow().stopped)
    }

    /// `collectgarbage("stop")` / `("restart")`.
    pub fn set_gc_stopped(&mut self, stopped: bool) {
        self.enter(|ctx| ctx.state.gc.borrow_mut(ctx.mc).stopped = stopped);
    }

    /// `collectgarbage("incremental"/"generational")`: returns the previous
    /// mode's name. (Saturn's collector is incremental either way.)
    pub fn set_gc_mode(&mut self, mode: gc::GcMode) -> &'static str {
        self.enter(|ctx| {
            let mut gc = ctx.state.gc.borrow_mut(ctx.mc);
            let previous = gc.mode;
            gc.mode = mode;
            previous.name()
        })
    }

    /// Bytes in use.
    pub fn memory_used(&self) -> usize {
        self.account.total()
    }

    /// `collectgarbage("count")`: kilobytes in use, as a float.
    pub fn memory_kb(&self) -> f64 {
        self.account.total() as f64 / 1024.0
    }

    /// Limits the bytes this state may use; allocations past it raise
    /// "not enough memory".
    pub fn set_memory_limit(&mut self, limit: Option<usize>) {
        self.account.set_limit(limit);
    }

    /// Bytes in use by every state of this state's ring (itself, the slaves
    /// it made and theirs).
    pub fn ring_memory_used(&self) -> usize {
        self.account.ring().total()
    }

    /// Limits the bytes all the states of this ring may use together.
    pub fn set_ring_memory_limit(&mut self, limit: Option<usize>) {
        self.account.ring().set_limit(limit);
    }
}

/// The thread a call from the host runs on: the main thread, as in PUC,
/// unless it is in the middle of a run (a finalizer between slices), then a
/// fresh one.
fn idle_thread<'gc>(ctx: Context<'gc>) -> Thread<'gc> {
    let main = ctx.state.main_thread;
    let busy = main
        .0
        .try_borrow()
        .map(|t| !t.frames.is_empty())
        .unwrap_or(true);
    if busy { Thread::new(ctx.mc) } else { main }
}

/// Converts an error value into the Rust-side error, as `lua.c` prints it.
pub fn error_to_rust<'gc>(ctx: Context<'gc>, error: Value<'gc>, traceback: Vec<u8>) -> LuaError {
    let message = match error {
        Value::String(s) => s.as_bytes().to_vec(),
        Value::Integer(_) | Value::Number(_) => error.to_display_bytes(),
        _ => error_object_text(error).into_bytes(),
    };
    let kind = match error {
        Value::String(s) if s.as_bytes() == b"not enough memory" => ErrorKind::Memory,
        Value::String(s) if s.as_bytes() == b"error in error handling" => ErrorKind::Handler,
        _ => ErrorKind::Runtime,
    };
    let _ = ctx;
    LuaError {
        kind,
        message,
        value_type: error.type_name(),
        traceback,
    }
}
