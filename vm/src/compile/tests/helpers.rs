//! Shared helpers for the compiler tests.

use crate::bytecode::Proto;
use crate::compile::{instruction_text, load_text};

/// Compiles `source` as chunk `=test`, panicking on errors.
pub fn compile(source: &str) -> Proto {
    match load_text(source.as_bytes(), b"=test") {
        Ok(proto) => proto,
        Err(e) => panic!("{}", String::from_utf8_lossy(&e.message)),
    }
}

/// The compile error message for `source` (chunk `=test`).
pub fn compile_error(source: &str) -> String {
    match load_text(source.as_bytes(), b"=test") {
        Ok(proto) => panic!(
            "compiled without error:\n{}",
            crate::compile::listing(&proto)
        ),
        Err(e) => String::from_utf8_lossy(&e.message).into_owned(),
    }
}

/// The instructions of `proto`, one string each.
pub fn ops_of(proto: &Proto) -> Vec<String> {
    (0..proto.code.len())
        .map(|pc| instruction_text(proto, pc))
        .collect()
}

/// The instructions of the main function of `source`.
pub fn ops(source: &str) -> Vec<String> {
    ops_of(&compile(source))
}

/// Asserts the main function's code, printing the full listing on failure.
#[track_caller]
pub fn assert_ops(source: &str, expected: &[&str]) {
    let proto = compile(source);
    let actual = ops_of(&proto);
    assert_eq!(actual, expected, "\n{}", crate::compile::listing(&proto));
}

/// Asserts the first nested function's code.
#[track_caller]
pub fn assert_fn_ops(source: &str, expected: &[&str]) {
    let proto = compile(source);
    let actual = ops_of(&proto.protos[0]);
    assert_eq!(actual, expected, "\n{}", crate::compile::listing(&proto));
}

/// Runs `f` on a thread with a 2 MiB stack (the size test threads get),
/// to show that deep inputs do not overflow the Rust stack.
pub fn run_with_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("thread spawns")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}
