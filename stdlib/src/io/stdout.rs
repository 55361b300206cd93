//! The process's standard output, kept as C stdio keeps `stdout`: one
//! buffer shared by `print`, `io.write`, `io.stdout:write` and the command
//! line (and every state on the thread, so rings slaves interleave with
//! their master in program order), line-buffered on a terminal and fully
//! buffered otherwise. A program writing to a pipe with `io.write` then
//! makes one system call per 8 KB, as PUC's does, instead of one per line.
//!
//! The buffer is written out by `print` (PUC's `print` flushes), by
//! `io.flush`, before reading stdin, by `os.exit`, `os.execute` and
//! `io.popen`, when the command line ends, and when a state's `io.stdout`
//! handle is dropped (an embedder dropping its state loses nothing).

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};

use super::stream::{Buffering, OutputBuffer};

thread_local! {
    static STDOUT: RefCell<OutputBuffer> = RefCell::new(OutputBuffer::new(initial_mode()));
}

/// C's rule: line buffering for a terminal, full buffering otherwise.
fn initial_mode() -> Buffering {
    if io::stdout().is_terminal() {
        Buffering::Line
    } else {
        Buffering::Full
    }
}

/// Writes `bytes` through the buffer.
pub fn write(bytes: &[u8]) -> io::Result<()> {
    STDOUT.with(|out| match out.try_borrow_mut() {
        Ok(mut out) => out.write(&mut io::stdout().lock(), bytes),
        // Only a write from inside a write could find it busy; none does.
        Err(_) => io::stdout().lock().write_all(bytes),
    })
}

/// Hands the buffered bytes to the operating system.
pub fn flush() -> io::Result<()> {
    STDOUT.with(|out| match out.try_borrow_mut() {
        Ok(mut out) => out.flush(&mut io::stdout().lock()),
        Err(_) => io::stdout().flush(),
    })
}

/// `io.stdout:setvbuf(mode)`: writes out what the old mode held.
pub fn set_buffering(mode: Buffering) -> io::Result<()> {
    let mut sink = io::stdout().lock();
    STDOUT.with(|out| match out.try_borrow_mut() {
        Ok(mut out) => out.set_mode(&mut sink, mode),
        Err(_) => Ok(()),
    })?;
    sink.flush()
}
