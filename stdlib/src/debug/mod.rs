//! The debug library (`ldblib.c`), grouped by concern:
//!
//! - [`info`] holds `getinfo` and `traceback`;
//! - [`locals`] holds `getlocal` and `setlocal`;
//! - [`upvalues`] holds `getupvalue`, `setupvalue`, `upvalueid` and
//!   `upvaluejoin`;
//! - [`hooks`] holds `sethook` and `gethook`;
//! - [`misc`] holds the rest: `getregistry`, `getmetatable`,
//!   `setmetatable`, `getuservalue`, `setuservalue`, `setcstacklimit` and
//!   `debug`.
//!
//! Most functions take an optional thread as first argument (PUC's
//! `getthread`); [`thread_arg`] finds it.

pub mod hooks;
pub mod info;
pub mod locals;
pub mod misc;
pub mod upvalues;

use saturn_vm::closure::NativeFn;
use saturn_vm::executor::Call;
use saturn_vm::state::Context;
use saturn_vm::thread::{Thread, ThreadState};
use saturn_vm::value::Value;

use crate::register::{mark_loaded, set_functions};

/// The library's functions.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("debug", misc::debug),
    ("getuservalue", misc::getuservalue),
    ("gethook", hooks::gethook),
    ("getinfo", info::getinfo),
    ("getlocal", locals::getlocal),
    ("getregistry", misc::getregistry),
    ("getmetatable", misc::getmetatable),
    ("getupvalue", upvalues::getupvalue),
    ("upvaluejoin", upvalues::upvaluejoin),
    ("upvalueid", upvalues::upvalueid),
    ("setuservalue", misc::setuservalue),
    ("sethook", hooks::sethook),
    ("setlocal", locals::setlocal),
    ("setmetatable", misc::setmetatable),
    ("setupvalue", upvalues::setupvalue),
    ("traceback", info::traceback),
    ("setcstacklimit", misc::setcstacklimit),
];

/// Installs `debug` and records it in `package.loaded`.
pub fn open(ctx: Context<'_>) {
    let library = ctx.new_table();
    set_functions(ctx, library, FUNCTIONS);
    ctx.set_global("debug", Value::Table(library));
    mark_loaded(ctx, "debug", Value::Table(library));
}

/// The thread a function works on: its first argument when that is a
/// thread (then `1` argument is skipped), else the running thread.
pub(crate) fn thread_arg<'gc>(call: &Call<'gc, '_>) -> (Thread<'gc>, usize) {
    match call.get(0) {
        Value::Thread(t) => (t, 1),
        _ => (call.thread(), 0),
    }
}

/// Runs `f` on the state of `thread` with the end of its live frames: for
/// the running thread, the frames up to this native's (level 0 is the
/// native itself); for another thread, all its frames. `None` when the
/// thread's state cannot be read (it is being run elsewhere).
pub(crate) fn with_thread<'gc, R>(
    call: &Call<'gc, '_>,
    thread: Thread<'gc>,
    f: impl FnOnce(&ThreadState<'gc>, usize) -> R,
) -> Option<R> {
    if thread.ptr_eq(call.thread()) {
        Some(f(call.thread_state(), call.frame_index() + 1))
    } else {
        let ts = thread.0.try_borrow().ok()?;
        let top = ts.frames.len();
        Some(f(&ts, top))
    }
}
