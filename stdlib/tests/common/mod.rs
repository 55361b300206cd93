//! Runs Lua snippets with the standard library open and `print` writing
//! into a buffer, so tests compare what a program printed.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use saturn_vm::compile::load_text;
use saturn_vm::state::Lua;
use saturn_vm::value::Value;

/// What a snippet printed, and its error message if it failed.
pub struct Run {
    pub output: String,
    pub error: Option<String>,
}

/// A state with every library open and `print` captured in `output`.
pub fn new_state(output: Rc<RefCell<Vec<u8>>>) -> Lua {
    let lua = Lua::new();
    lua.enter(|ctx| {
        saturn_stdlib::open_libs(ctx);
        let print = saturn_stdlib::base::output::print_to(ctx, output);
        ctx.set_global("print", print);
    });
    lua
}

/// Runs `source` as a chunk named `=input`.
pub fn run(source: &str) -> Run {
    let output = Rc::new(RefCell::new(Vec::new()));
    let sink: Rc<RefCell<Vec<u8>>> = Rc::clone(&output);
    let mut lua = new_state(sink);
    let proto = match load_text(source.as_bytes(), b"=input") {
        Ok(proto) => Rc::new(proto),
        Err(e) => panic!(
            "syntax error in test: {}",
            String::from_utf8_lossy(&e.message)
        ),
    };
    let result = lua.call_with(
        move |ctx| (Value::from(ctx.load_proto(proto, None)), Vec::new()),
        |_, _| (),
    );
    let output = String::from_utf8_lossy(&output.borrow()).into_owned();
    Run {
        output,
        error: result.err().map(|e| e.message_lossy()),
    }
}

/// Runs `source`, which must succeed, and returns what it printed.
pub fn output_of(source: &str) -> String {
    let run = run(source);
    if let Some(error) = run.error {
        panic!("unexpected error: {error}\noutput so far:\n{}", run.output);
    }
    run.output
}

/// Asserts that `source` prints exactly `expected`.
#[track_caller]
pub fn check(source: &str, expected: &str) {
    assert_eq!(output_of(source), expected, "\nsource:\n{source}");
}

/// Runs `source`, which must fail, and returns the error message.
pub fn error_of(source: &str) -> String {
    match run(source).error {
        Some(e) => e,
        None => panic!("expected an error from:\n{source}"),
    }
}
