//! The Rust face of rings: a [`Ring`] is a master state and the slaves it
//! opens, driven from Rust without any Lua in between.

use saturn_vm::host::NoMaster;
use saturn_vm::state::Lua;
use saturn_vm::transfer::Transfer;
use saturn_vm::value::Value;

use crate::run;
use crate::slave::{Limits, Slave, SlaveError};

/// A master state with the standard library and `rings`, and the slaves
/// opened from Rust.
pub struct Ring {
    master: Lua,
}

/// How a [`Ring::dostring`] failed.
#[derive(Clone, Debug, PartialEq)]
pub enum DoStringError {
    /// The code failed to compile or raised an error: the message (with a
    /// traceback for a runtime error), as `dostring` returns it to Lua.
    Failed(Transfer),
    /// The call could not start or was refused (closed state, nesting too
    /// deep): the error `dostring` would raise.
    Refused(Vec<u8>),
}

impl Default for Ring {
    fn default() -> Self {
        Ring::new()
    }
}

impl Ring {
    /// A new master state, with every standard library opened and `rings`
    /// and `stable` available to `require`.
    pub fn new() -> Ring {
        let master = Lua::new();
        master.enter(|ctx| {
            saturn_stdlib::open_libs(ctx);
            crate::open(ctx);
        });
        Ring { master }
    }

    /// The master state.
    pub fn master(&mut self) -> &mut Lua {
        &mut self.master
    }

    /// Opens a slave whose `remotedostring` chunks see the master's
    /// globals.
    pub fn open_state(&mut self, limits: Limits) -> Slave {
        self.master
            .enter(|ctx| Slave::create(ctx, Value::Nil, limits))
    }

    /// Runs `code` (text or a binary chunk) in `slave` with `args` as `...`;
    /// its `remotedostring` calls run in the master. The results, converted
    /// as every value crossing states is (see [`Transfer`]).
    pub fn dostring(
        &mut self,
        slave: &Slave,
        code: impl AsRef<[u8]>,
        args: &[Transfer],
    ) -> Result<Vec<Transfer>, DoStringError> {
        let answer = run::in_slave(
            slave,
            &mut self.master,
            &mut NoMaster,
            code.as_ref().to_vec(),
            args.to_vec(),
        );
        let mut values = answer.map_err(|e| match e {
            Transfer::String(text) => DoStringError::Refused(text),
            other => DoStringError::Refused(format!("{other:?}").into_bytes()),
        })?;
        if values.first() == Some(&Transfer::Boolean(true)) {
            values.remove(0);
            Ok(values)
        } else {
            Err(DoStringError::Failed(
                values.into_iter().nth(1).unwrap_or(Transfer::Nil),
            ))
        }
    }

    /// Closes `slave` (see [`Slave::close`]).
    pub fn close(&mut self, slave: &Slave) -> Result<(), SlaveError> {
        slave.close(&mut self.master)
    }
}
