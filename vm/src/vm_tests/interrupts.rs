//! An embedder stops a runaway script from another thread with
//! [`Lua::interrupt_flag`](crate::state::Lua::interrupt_flag).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use super::{output, pcall, source_lua};

/// Sets `flag` from another thread after a few milliseconds.
fn interrupt_soon(flag: Arc<AtomicBool>) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        flag.store(true, Ordering::Relaxed);
    })
}

/// Runs `source` as `t.lua` until another thread interrupts it; returns
/// what it printed and its error message.
fn run_interrupted(source: &str) -> (Vec<String>, String) {
    let mut lua = source_lua();
    let flag = lua.interrupt_flag();
    let interrupter = interrupt_soon(Arc::clone(&flag));
    let result = lua.exec(source.as_bytes(), "@t.lua");
    interrupter.join().expect("the interrupting thread ran");
    assert!(
        !flag.load(Ordering::Relaxed),
        "the flag is cleared once acted on"
    );
    let message = result
        .expect_err("the loop was interrupted")
        .message_lossy();
    (output(), message)
}

#[test]
fn an_endless_loop_of_the_main_chunk_stops() {
    // The caller of the main chunk is the host: no position, as in PUC.
    let (printed, message) = run_interrupted("print('started')\nwhile true do end");
    assert_eq!(printed, ["started"]);
    assert_eq!(message, "interrupted!");
}

#[test]
fn the_position_is_the_running_functions_caller() {
    let (_, message) = run_interrupted("local function spin() while true do end end\nspin()");
    assert_eq!(message, "t.lua:2: interrupted!");
}

#[test]
fn a_loop_of_native_calls_stops() {
    let (_, message) = run_interrupted("while true do select('#', 1, 2) end");
    assert_eq!(message, "interrupted!");
}

#[test]
fn pcall_catches_an_interrupt_and_the_state_runs_on() {
    let mut lua = source_lua();
    lua.enter(|ctx| ctx.set_global("pcall", ctx.native(pcall)));
    let interrupter = interrupt_soon(lua.interrupt_flag());
    let result = lua.exec(
        b"print(pcall(function () while true do end end))\nprint('after')",
        "@t.lua",
    );
    interrupter.join().expect("the interrupting thread ran");
    assert!(result.is_ok());
    // The state is usable and not interrupted again.
    lua.exec(b"print('again')", "=again").expect("runs");
    assert_eq!(output(), ["false\tinterrupted!", "after", "again"]);
}
