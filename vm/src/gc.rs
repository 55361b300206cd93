//! The garbage-collection driver: weak tables, `__gc` finalizers and the
//! `collectgarbage` controls.
//!
//! gc-arena collects only between mutations. The executor returns to
//! [`crate::state::Lua`] between slices; those returns are the safe points
//! where the collector works (see `Lua::gc_step`). A cycle starts when the
//! heap, counted in bytes, reaches `pause`% of what survived the previous
//! cycle; marking then advances a bounded step at each safe point, each step
//! paying for what was allocated since the previous one (times the step
//! multiplier, [`GcParams`]). Mutation between mark steps is safe because
//! every write goes through gc-arena's barriers (`Gc::write`,
//! `RefLock::borrow_mut(mc)`); a weak reference (`GcWeak::upgrade`) to an
//! object not marked yet still upgrades while marking, and storing what it
//! gives anywhere reachable marks it through those barriers.
//!
//! When marking is complete, the finalize phase (`MarkedArena::finalize`,
//! [`finalize_pass`]) does what PUC's atomic phase does, with no mutation in
//! between (the marking that resurrection needs is finished at once too):
//!
//! 1. ephemeron tables resurrect values of live keys, to a fixed point;
//! 2. weak values that died are cleared;
//! 3. dead objects registered for finalization (their metatable had `__gc`
//!    when it was set) are resurrected and queued, then marking resumes;
//! 4. weak keys that died are cleared.
//!
//! Sweeping then frees the dead, incrementally on big heaps. While it does,
//! `GcWeak::upgrade` refuses the objects found dead, so the string interner
//! creates a fresh string rather than hand out one about to be freed.
//!
//! Queued finalizers run later as ordinary Lua calls ([`take_pending`]);
//! errors in them become warnings, as in PUC.

use gc_arena::{Collect, Finalization, Gc, GcWeak, Mutation, RefLock};

use crate::meta::{MetaEvent, event_in};
use crate::state::Context;
use crate::table::{Table, WeakTable};
use crate::userdata::{UserData, UserDataInner};
use crate::value::Value;

/// An object waiting for its `__gc`, held weakly until it dies.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
enum Finalizable<'gc> {
    Table(WeakTable<'gc>),
    UserData(GcWeak<'gc, UserDataInner<'gc>>),
}

/// `collectgarbage`'s collector mode names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcMode {
    Incremental,
    Generational,
}

impl GcMode {
    pub fn name(self) -> &'static str {
        match self {
            GcMode::Incremental => "incremental",
            GcMode::Generational => "generational",
        }
    }
}

/// The collector's tuning parameters, kept as PUC Lua 5.4 keeps them: the
/// pause and the step multiplier are percentages stored in steps of 4 in a
/// byte (`setgcparam`/`getgcparam` in `lgc.h`), so
/// `collectgarbage("setpause", 150)` later reads back as 148, as in PUC; the
/// step size is the base-2 logarithm of a basic step's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GcParams {
    pause: u8,
    stepmul: u8,
    stepsize: u8,
}

impl Default for GcParams {
    fn default() -> Self {
        GcParams::DEFAULT
    }
}

impl GcParams {
    /// PUC's defaults: pause 200%, step multiplier 100, steps of 8 KB.
    pub const DEFAULT: GcParams = GcParams {
        pause: 200 / 4,
        stepmul: 100 / 4,
        stepsize: 13,
    };

    /// PUC's `setgcparam` on the `int` that `collectgarbage` reads: C's
    /// integer division, then truncation to a byte.
    fn store(percent: i64) -> u8 {
        ((percent as i32) / 4) as u8
    }

    /// The pause, in percent: a cycle starts when the heap reaches this
    /// percentage of its size after the previous cycle.
    pub fn pause(self) -> i64 {
        i64::from(self.pause) * 4
    }

    /// Sets the pause; returns the previous one.
    pub fn set_pause(&mut self, percent: i64) -> i64 {
        let previous = self.pause();
        self.pause = Self::store(percent);
        previous
    }

    /// The step multiplier, in percent: the collector's speed relative to
    /// allocation (at 100, each kilobyte allocated pays for marking about
    /// 100 objects).
    pub fn stepmul(self) -> i64 {
        i64::from(self.stepmul) * 4
    }

    /// Sets the step multiplier; returns the previous one.
    pub fn set_stepmul(&mut self, percent: i64) -> i64 {
        let previous = self.stepmul();
        self.stepmul = Self::store(percent);
        previous
    }

    /// The step size, as the base-2 logarithm of a basic step's bytes.
    pub fn stepsize(self) -> u32 {
        u32::from(self.stepsize)
    }

    /// Sets the step size (truncated to a byte, as PUC stores it).
    pub fn set_stepsize(&mut self, log2_bytes: i64) {
        self.stepsize = (log2_bytes as i32) as u8;
    }

    /// The allocation a basic step stands for (`collectgarbage("step", 0)`,
    /// and the least work of every automatic step), in bytes.
    pub fn step_bytes(self) -> f64 {
        // PUC uses its largest debt when the shift would overflow.
        2f64.powi(self.stepsize().min(62) as i32)
    }

    /// The step multiplier as a factor (1.0 by default); never 0.
    pub fn speed(self) -> f64 {
        self.stepmul().max(1) as f64 / 100.0
    }
}

/// Where the collector is in its cycle (for tests and statistics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcPhase {
    /// Between cycles.
    Paused,
    /// Marking, a step at each safe point.
    Marking,
    /// Freeing the dead, a step at each safe point.
    Sweeping,
}

/// A collection asked for by running Lua code (`collectgarbage`); the
/// executor pauses and the host performs it between slices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcRequest {
    /// A full cycle, finalizers included (`collectgarbage("collect")`).
    Collect,
    /// About this many kilobytes of work (`collectgarbage("step", n)`).
    Step(i64),
    /// Only the collector's usual step between slices, now: a native that
    /// made memory the collector paces by but does not see allocated (a
    /// rings slave's heap) asks for it, so a loop of such calls cannot
    /// outrun the collector.
    Pace,
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct GcStateInner<'gc> {
    weak_tables: Vec<WeakTable<'gc>>,
    finalizable: Vec<Finalizable<'gc>>,
    /// Resurrected objects whose `__gc` must run.
    pending: Vec<Value<'gc>>,
    #[collect(require_static)]
    pub stopped: bool,
    #[collect(require_static)]
    pub mode: GcMode,
    /// A collection requested by Lua code, performed at the next pause.
    #[collect(require_static)]
    pub request: Option<GcRequest>,
    /// Whether the last requested step finished a cycle.
    #[collect(require_static)]
    pub step_finished: bool,
    /// Pause, step multiplier and step size (`collectgarbage`).
    #[collect(require_static)]
    pub params: GcParams,
    /// The last cycle cleared a weak-value entry whose key is a string: the
    /// key could only be marked, so a full collection runs one more cycle
    /// to free it, as PUC frees such a key in the same cycle.
    #[collect(require_static)]
    pub string_keys_dropped: bool,
    /// A `__gc` finalizer is running: the collector is not reentrant, so
    /// `collectgarbage` fails (PUC's `GCSTPGC`).
    #[collect(require_static)]
    pub in_finalizer: bool,
    /// The state is closing (`lua_close`, `os.exit(code, true)`): objects
    /// given a `__gc` from now on are not registered, and `collectgarbage`
    /// fails (PUC's `GCSTPCLS`).
    #[collect(require_static)]
    pub closing: bool,
    /// Objects whose `__gc` the closing state has still to call, the next
    /// one last; a finalizer that closes the state again (`os.exit`) takes
    /// the rest.
    close_queue: Vec<Value<'gc>>,
}

/// The collector's bookkeeping, part of the state's root.
pub type GcState<'gc> = Gc<'gc, RefLock<GcStateInner<'gc>>>;

pub fn new_gc_state<'gc>(mc: &Mutation<'gc>) -> GcState<'gc> {
    Gc::new(
        mc,
        RefLock::new(GcStateInner {
            weak_tables: Vec::new(),
            finalizable: Vec::new(),
            pending: Vec::new(),
            stopped: false,
            mode: GcMode::Incremental,
            request: None,
            step_finished: false,
            params: GcParams::DEFAULT,
            string_keys_dropped: false,
            in_finalizer: false,
            closing: false,
            close_queue: Vec::new(),
        }),
    )
}

/// Sets the metatable of a table, honouring `__mode` (weak table) and
/// `__gc` (register for finalization) as PUC's `lua_setmetatable` does.
pub fn set_table_metatable<'gc>(ctx: Context<'gc>, table: Table<'gc>, mt: Option<Table<'gc>>) {
    table.set_metatable(ctx.mc, mt);
    let (mut weak_keys, mut weak_values) = (false, false);
    if let Some(mt) = mt {
        if let Value::String(mode) = event_in(ctx, mt, MetaEvent::Mode) {
            weak_keys = mode.as_bytes().contains(&b'k');
            weak_values = mode.as_bytes().contains(&b'v');
        }
        if !event_in(ctx, mt, MetaEvent::Gc).is_nil() {
            let mut gc = ctx.state.gc.borrow_mut(ctx.mc);
            if !gc.closing {
                gc.finalizable.push(Finalizable::Table(table.downgrade()));
            }
        }
    }
    let was_weak = {
        let w = table.weakness();
        w.keys || w.values
    };
    table.set_weakness(ctx.mc, weak_keys, weak_values);
    if (weak_keys || weak_values) && !was_weak {
        ctx.state
            .gc
            .borrow_mut(ctx.mc)
            .weak_tables
            .push(table.downgrade());
    }
}

/// Sets the metatable of a full userdata, registering it for `__gc`.
pub fn set_userdata_metatable<'gc>(ctx: Context<'gc>, ud: UserData<'gc>, mt: Option<Table<'gc>>) {
    ud.set_metatable(ctx.mc, mt);
    if let Some(mt) = mt
        && !event_in(ctx, mt, MetaEvent::Gc).is_nil()
    {
        let mut gc = ctx.state.gc.borrow_mut(ctx.mc);
        if !gc.closing {
            gc.finalizable
                .push(Finalizable::UserData(Gc::downgrade(ud.0)));
        }
    }
}

/// One finalize-phase pass over a fully marked arena. Returns `true` when
/// it resurrected something, so marking must resume before sweeping.
pub fn finalize_pass<'gc>(fc: &Finalization<'gc>, state: GcState<'gc>) -> bool {
    let mut gc = state.borrow_mut(fc);
    // Dead weak tables stay listed until the cycle's last pass: a finalizer
    // may resurrect one, and its entries then need the treatment below.
    let live: Vec<Table<'gc>> = gc
        .weak_tables
        .iter()
        .filter(|t| !t.is_dead(fc))
        .filter_map(|t| t.upgrade(fc))
        .collect();
    // 1. Ephemerons: values of live keys stay alive.
    let mut resurrected = false;
    for t in &live {
        resurrected |= t.mark_ephemerons(fc);
    }
    if resurrected {
        return true;
    }
    // 2. Weak values die before finalizers resurrect anything.
    for t in &live {
        if t.clear_dead_values(fc) {
            gc.string_keys_dropped = true;
        }
    }
    // 3. Finalizers.
    let mut keep = Vec::with_capacity(gc.finalizable.len());
    let mut due = Vec::new();
    let tracked = std::mem::take(&mut gc.finalizable);
    for object in tracked {
        let dead = match object {
            Finalizable::Table(t) => t.is_dead(fc),
            Finalizable::UserData(u) => u.is_dead(fc),
        };
        if !dead {
            keep.push(object);
            continue;
        }
        let value = match object {
            Finalizable::Table(t) => t.resurrect(fc).map(Value::Table),
            Finalizable::UserData(u) => u.resurrect(fc).map(|u| Value::UserData(UserData(u))),
        };
        due.extend(value);
    }
    gc.finalizable = keep;
    // PUC calls the finalizers of a cycle in the reverse order of their
    // registration (`setmetatable` with `__gc`).
    let queued = !due.is_empty();
    gc.pending.extend(due.into_iter().rev());
    if queued {
        return true;
    }
    // 4. Weak keys last.
    for t in &live {
        t.clear_dead_keys(fc);
    }
    // Nothing else comes back to life in this cycle: forget the dead.
    gc.weak_tables.retain(|t| !t.is_dead(fc));
    false
}

/// Takes the objects whose `__gc` is due.
pub fn take_pending<'gc>(ctx: Context<'gc>) -> Vec<Value<'gc>> {
    std::mem::take(&mut ctx.state.gc.borrow_mut(ctx.mc).pending)
}

/// Whether finalizers are waiting to run.
pub fn has_pending(ctx: Context<'_>) -> bool {
    !ctx.state.gc.borrow().pending.is_empty()
}

/// At close: every object still registered gets its `__gc` (PUC calls all
/// pending finalizers when a state closes).
pub fn take_all_finalizable<'gc>(ctx: Context<'gc>) -> Vec<Value<'gc>> {
    let mut gc = ctx.state.gc.borrow_mut(ctx.mc);
    gc.closing = true;
    let tracked = std::mem::take(&mut gc.finalizable);
    let mut out: Vec<Value<'gc>> = gc.close_queue.drain(..).rev().collect();
    out.append(&mut gc.pending);
    for object in tracked.into_iter().rev() {
        match object {
            Finalizable::Table(t) => {
                if let Some(t) = t.upgrade(ctx.mc) {
                    out.push(Value::Table(t));
                }
            }
            Finalizable::UserData(u) => {
                if let Some(u) = u.upgrade(ctx.mc) {
                    out.push(Value::UserData(UserData(u)));
                }
            }
        }
    }
    out
}

/// Starts closing the state: every object still registered for `__gc`
/// waits in the close queue (see [`next_to_close`]).
pub fn start_closing(ctx: Context<'_>) {
    let mut queue = take_all_finalizable(ctx);
    queue.reverse();
    ctx.state.gc.borrow_mut(ctx.mc).close_queue = queue;
}

/// The next object whose `__gc` the closing state calls.
pub fn next_to_close<'gc>(ctx: Context<'gc>) -> Option<Value<'gc>> {
    ctx.state.gc.borrow_mut(ctx.mc).close_queue.pop()
}

/// Whether the last `collectgarbage("step")` finished a cycle.
pub fn last_step_finished(ctx: Context<'_>) -> bool {
    ctx.state.gc.borrow().step_finished
}

/// Takes the collection requested by Lua code, if any.
pub fn take_request(ctx: Context<'_>) -> Option<GcRequest> {
    ctx.state.gc.borrow_mut(ctx.mc).request.take()
}
