//! `lua.c`'s `laction`: Ctrl-C (SIGINT) while a chunk runs interrupts it
//! with the error "interrupted!", which the command line reports like any
//! other (exit status 1) unless the program catches it. A second Ctrl-C
//! before the chunk ends takes SIGINT's default action, ending the process:
//! that stops a program stuck in one long native call (a huge
//! `string.find`), which the interrupt only reaches when the call returns.
//! Outside a chunk (reading the REPL's next line, closing the state),
//! SIGINT ends the process as it does by default.
//!
//! The signal handler only sets flags: the state's interrupt flag
//! ([`Lua::interrupt_flag`]), which the executor reads between slices, and
//! the flag that makes the next SIGINT act as by default.

#[cfg(unix)]
pub use unix::CtrlC;

#[cfg(not(unix))]
pub use other::CtrlC;

#[cfg(unix)]
mod unix {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use saturn_vm::state::Lua;
    use signal_hook::consts::SIGINT;
    use signal_hook::flag;

    pub struct CtrlC {
        /// The state's interrupt flag.
        interrupt: Arc<AtomicBool>,
        /// Whether SIGINT takes its default action (ends the process):
        /// outside a chunk, and inside one once a first SIGINT came.
        default_action: Arc<AtomicBool>,
        installed: bool,
    }

    impl CtrlC {
        pub fn new(lua: &Lua) -> CtrlC {
            CtrlC {
                interrupt: lua.interrupt_flag(),
                default_action: Arc::new(AtomicBool::new(true)),
                installed: false,
            }
        }

        /// `run`s a chunk with Ctrl-C interrupting it (`lua.c`'s `docall`).
        pub fn around<R>(&mut self, run: impl FnOnce() -> R) -> R {
            self.install();
            self.default_action.store(false, Ordering::SeqCst);
            let result = run();
            self.default_action.store(true, Ordering::SeqCst);
            result
        }

        /// Registers the handler's three actions, once; they run in this
        /// order. While `default_action` is set, SIGINT acts as by default
        /// (the signal handler stays in place, as the crate cannot give the
        /// previous disposition back). If registering fails the chunk
        /// runs without it, as SIGINT's default then still applies.
        fn install(&mut self) {
            if self.installed {
                return;
            }
            self.installed = true;
            let _ = flag::register_conditional_default(SIGINT, Arc::clone(&self.default_action))
                .and_then(|_| flag::register(SIGINT, Arc::clone(&self.default_action)))
                .and_then(|_| flag::register(SIGINT, Arc::clone(&self.interrupt)));
        }
    }
}

#[cfg(not(unix))]
mod other {
    use saturn_vm::state::Lua;

    /// Without POSIX signals a chunk runs until it ends.
    pub struct CtrlC;

    impl CtrlC {
        pub fn new(_lua: &Lua) -> CtrlC {
            CtrlC
        }

        pub fn around<R>(&mut self, run: impl FnOnce() -> R) -> R {
            run()
        }
    }
}
