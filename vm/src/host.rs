//! Host jobs: work a native function hands to the code that drives its
//! state, to be done outside the mutation (DESIGN §7).
//!
//! A native runs inside `Arena::mutate`, where it can neither run another
//! state that may call back into this one nor step this state's own
//! executor. So it stores a [`HostJob`] with [`Context::host_job`] and
//! returns the `Action::Host` this gives; the executor pauses, and the
//! driver ([`Lua::drive`](crate::state::Lua::drive)) hands the job to its
//! caller, which runs it with the state ([`StateAccess`]) outside `drive`. The job's answer is delivered to the native's
//! continuation: its values pushed on the window (`Outcome::Ok`), or its
//! error value as `Outcome::Err`. Only [`Transfer`] values cross, so no
//! `'gc` value leaks out of its arena.
//!
//! A job targets either this state ([`JobTarget::ThisState`]: `rings`'
//! `dostring`, which runs a slave) or the state's master
//! ([`JobTarget::Master`]: `remotedostring`). The caller of `drive` runs a
//! job for the state with the state, and a master job on the master; a
//! master job inside a state that has none is answered by [`NoMaster`].
//! Because `drive` has returned, a state held in a cell (a rings slave) can
//! be released while its job runs.

use std::ops::DerefMut;

use crate::executor::{Action, Continuation};
use crate::state::{Context, Lua};
use crate::transfer::Transfer;

/// The values a job answers with, or the error value to raise.
pub type HostAnswer = Result<Vec<Transfer>, Transfer>;

/// A job for the host: runs with the state it targets and that state's
/// master (to forward master jobs of anything it runs).
pub type HostJob = Box<dyn FnOnce(&mut dyn StateAccess, &mut dyn Master) -> HostAnswer>;

/// A state as a job sees it: borrowed only while the job uses it, so that
/// code the job runs elsewhere (a slave's call back through its master)
/// may come back to the same state.
pub trait StateAccess {
    /// The state, or the error to raise when a caller further up holds it.
    fn lua(&mut self) -> Result<Box<dyn DerefMut<Target = Lua> + '_>, Transfer>;
}

impl StateAccess for Lua {
    fn lua(&mut self) -> Result<Box<dyn DerefMut<Target = Lua> + '_>, Transfer> {
        Ok(Box::new(self))
    }
}

/// Which state a [`HostJob`] runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobTarget {
    /// The state whose native asked for it.
    ThisState,
    /// The state that created it (its rings master).
    Master,
}

/// The state outside a running state: where its master jobs go.
pub trait Master {
    /// Runs `job` on the master state.
    fn run_job(&mut self, job: HostJob) -> HostAnswer;
}

/// The master of a state that has none: master jobs fail.
pub struct NoMaster;

impl Master for NoMaster {
    fn run_job(&mut self, _job: HostJob) -> HostAnswer {
        Err(Transfer::from("no master state to run this in"))
    }
}

/// A job waiting for the driver, stored in the state between the native
/// that asked for it and the end of the slice.
pub(crate) struct PendingJob {
    pub target: JobTarget,
    pub job: HostJob,
}

impl<'gc> Context<'gc> {
    /// Hands `job` to the driver of this state; return the action this
    /// gives from the native. `then` runs with the job's answer.
    pub fn host_job(self, target: JobTarget, job: HostJob, then: Continuation) -> Action<'gc> {
        *self.state.host_job.borrow_mut() = Some(PendingJob { target, job });
        Action::Host { then }
    }
}
