//! A slave state as its master holds it: the [`Slave`] handle.
//!
//! The handle owns the slave's [`Lua`] (so dropping the last handle frees
//! the whole heap) and knows whether calls into the slave are under way:
//! such a slave cannot be closed (the C library crashes there; we raise a
//! Lua error).

use std::cell::{Cell, RefCell, RefMut};
use std::ops::DerefMut;
use std::rc::Rc;
use std::sync::atomic::{AtomicI64, Ordering};

use saturn_vm::closure::NativeFn;
use saturn_vm::host::{Master, NoMaster, StateAccess};
use saturn_vm::state::{Context, Lua};
use saturn_vm::transfer::Transfer;
use saturn_vm::value::Value;

use crate::environments;
use crate::run::MasterOf;

/// Limits for one slave (`rings.new(env, {memory = ..., instructions = ...})`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Bytes the slave's heap may hold, its standard library included; past
    /// it, a `dostring` fails with "not enough memory".
    pub memory: Option<usize>,
    /// Instructions one `dostring` may run; past it, the call ends with
    /// "instruction limit exceeded", which the slave's code cannot catch.
    pub instructions: Option<u64>,
}

/// A slave state, shared between its userdata in the master and the calls
/// running it.
#[derive(Clone)]
pub struct Slave(Rc<SlaveInner>);

struct SlaveInner {
    /// `None` once closed.
    lua: RefCell<Option<Lua>>,
    /// Calls into this state under way, running or waiting for the master.
    active: Cell<u32>,
    instruction_limit: Option<u64>,
    /// The key of this slave's `remotedostring` environment in its master's
    /// registry (see [`environments`]).
    id: i64,
}

/// Why a slave cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaveError {
    /// `close` was called on it.
    Closed,
    /// Its executor is running right now (say, a finalizer of the slave
    /// called its master, which called the slave again).
    Busy,
    /// Calls into it are under way (for `close`).
    Running,
}

impl SlaveError {
    pub fn message(self) -> &'static str {
        match self {
            SlaveError::Closed => "already closed state",
            SlaveError::Busy => "rings: the state is in use and cannot be entered now",
            SlaveError::Running => "rings: cannot close a state that is running",
        }
    }
}

/// Source of the keys of [`environments`]; unique in the process, so a key
/// never names two slaves of one master.
static NEXT_ID: AtomicI64 = AtomicI64::new(1);

impl Slave {
    /// Creates a slave of the state of `ctx`: a new heap in the same ring,
    /// with every standard library opened, `rings` and `stable` available
    /// to `require`, and `remotedostring` running chunks in the master with
    /// `env` as their environment (`nil`: the master's globals).
    pub fn create<'gc>(ctx: Context<'gc>, env: Value<'gc>, limits: Limits) -> Slave {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        environments::set(ctx, id, env);
        let mut lua = Lua::new_in_ring_of(ctx);
        lua.enter(|slave| {
            saturn_stdlib::open_libs(slave);
            crate::open(slave);
            crate::module::install_remotedostring(slave, id);
        });
        lua.set_memory_limit(limits.memory);
        Slave(Rc::new(SlaveInner {
            lua: RefCell::new(Some(lua)),
            active: Cell::new(0),
            instruction_limit: limits.instructions,
            id,
        }))
    }

    /// The slave's state, for as long as no call holds it.
    pub(crate) fn state(&self) -> Result<RefMut<'_, Lua>, SlaveError> {
        let cell = self.0.lua.try_borrow_mut().map_err(|_| SlaveError::Busy)?;
        RefMut::filter_map(cell, Option::as_mut).map_err(|_| SlaveError::Closed)
    }

    pub fn is_closed(&self) -> bool {
        matches!(self.0.lua.try_borrow().as_deref(), Ok(None))
    }

    /// Whether calls into this slave are under way.
    pub fn is_running(&self) -> bool {
        self.0.active.get() > 0
    }

    pub(crate) fn instruction_limit(&self) -> Option<u64> {
        self.0.instruction_limit
    }

    /// Marks a call into this slave as under way until the guard drops.
    pub(crate) fn activate(&self) -> ActiveCall {
        self.0.active.set(self.0.active.get() + 1);
        ActiveCall(Rc::clone(&self.0))
    }

    /// Runs `f` on the slave's state (to install Rust functions, read its
    /// globals, ...).
    pub fn with_lua<R>(&self, f: impl FnOnce(&mut Lua) -> R) -> Result<R, SlaveError> {
        let mut lua = self.state()?;
        Ok(f(&mut lua))
    }

    /// Sets the global `name` of the slave to the Rust function `function`.
    pub fn set_function(&self, name: &str, function: NativeFn) -> Result<(), SlaveError> {
        self.with_lua(|lua| lua.enter(|ctx| ctx.set_global(name, ctx.native(function))))
    }

    /// Closes the slave: its finalizers run, its heap is freed and its
    /// environment in `master` forgotten. Closing a closed slave does
    /// nothing; a running one cannot be closed.
    pub fn close(&self, master: &mut Lua) -> Result<(), SlaveError> {
        self.close_in(master, &mut NoMaster)
    }

    /// [`Slave::close`] from a state whose own master is `outer`: the
    /// finalizers' `remotedostring` calls run in `master`.
    pub(crate) fn close_in(
        &self,
        master: &mut dyn StateAccess,
        outer: &mut dyn Master,
    ) -> Result<(), SlaveError> {
        if self.is_running() {
            return Err(SlaveError::Running);
        }
        let taken = {
            let mut cell = self.0.lua.try_borrow_mut().map_err(|_| SlaveError::Busy)?;
            cell.take()
        };
        if let Some(mut lua) = taken {
            lua.close_with(&mut MasterOf {
                master: &mut *master,
                outer,
            });
            drop(lua);
            // The master is free here: the job closing the slave runs after
            // the master's executor paused.
            if let Ok(master) = master.lua() {
                master.enter(|ctx| environments::set(ctx, self.0.id, Value::Nil));
            }
        }
        Ok(())
    }
}

impl From<SlaveError> for Transfer {
    fn from(error: SlaveError) -> Transfer {
        Transfer::from(error.message())
    }
}

/// A job's access to a slave: borrowed for as long as the job uses it.
impl StateAccess for Slave {
    fn lua(&mut self) -> Result<Box<dyn DerefMut<Target = Lua> + '_>, Transfer> {
        Ok(Box::new(self.state()?))
    }
}

/// A call into a slave under way (see [`Slave::activate`]).
pub(crate) struct ActiveCall(Rc<SlaveInner>);

impl Drop for ActiveCall {
    fn drop(&mut self) {
        self.0.active.set(self.0.active.get() - 1);
    }
}

/// The values a failed call gives back to Lua: `false, message`.
pub(crate) fn failure(message: impl Into<Vec<u8>>) -> Vec<Transfer> {
    vec![Transfer::Boolean(false), Transfer::String(message.into())]
}
