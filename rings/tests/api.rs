//! The Rust face of rings: a [`Ring`] and its slaves, driven without Lua in
//! between.

use saturn_rings::{DoStringError, Limits, Ring, Slave, SlaveError, Transfer};
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

fn string(text: &str) -> Transfer {
    Transfer::from(text)
}

/// The message of a failed dostring, as text.
fn failure_text(result: Result<Vec<Transfer>, DoStringError>) -> String {
    match result {
        Err(DoStringError::Failed(Transfer::String(bytes))) => String::from_utf8(bytes).unwrap(),
        other => panic!("expected a failure with a message, got {other:?}"),
    }
}

#[test]
fn dostring_takes_and_returns_transfer_values() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits::default());
    let args = vec![
        Transfer::Nil,
        Transfer::Boolean(true),
        Transfer::Integer(i64::MAX),
        Transfer::Integer(i64::MIN),
        Transfer::Number(-0.0),
        Transfer::Number(f64::INFINITY),
        Transfer::String(b"a\0b\xff".to_vec()),
        Transfer::LightUserData(0x1234),
        Transfer::Nil,
    ];
    let back = ring.dostring(&slave, "return ...", &args).unwrap();
    assert_eq!(back.len(), args.len());
    assert_eq!(back[..4], args[..4]);
    assert!(matches!(back[4], Transfer::Number(z) if z == 0.0 && z.is_sign_negative()));
    assert_eq!(back[5..], args[5..]);

    // The slave sees the types Lua gives them.
    let types = ring
        .dostring(
            &slave,
            "local t = {} for i = 1, select('#', ...) do local v = select(i, ...) \
             t[i] = math.type(v) or type(v) end return table.concat(t, ' ')",
            &args,
        )
        .unwrap();
    assert_eq!(
        types,
        vec![string(
            "nil boolean integer integer float float string userdata nil"
        )]
    );

    // NaN crosses as a float NaN.
    let nan = ring.dostring(&slave, "return 0/0", &[]).unwrap();
    assert!(matches!(nan[..], [Transfer::Number(n)] if n.is_nan()));

    // Tables, functions and threads come back as nil in place; a full
    // userdata as a light one.
    let mixed = ring
        .dostring(
            &slave,
            "return 1, {}, print, coroutine.create(print), io.stdout, 2",
            &[],
        )
        .unwrap();
    assert_eq!(mixed.len(), 6);
    assert_eq!(
        mixed[..4],
        [
            Transfer::Integer(1),
            Transfer::Nil,
            Transfer::Nil,
            Transfer::Nil
        ]
    );
    assert!(matches!(mixed[4], Transfer::LightUserData(address) if address != 0));
    assert_eq!(mixed[5], Transfer::Integer(2));
}

#[test]
fn slaves_keep_their_own_globals() {
    let mut ring = Ring::new();
    let a = ring.open_state(Limits::default());
    let b = ring.open_state(Limits::default());
    ring.dostring(&a, "x = ...", &[string("in a")]).unwrap();
    assert_eq!(
        ring.dostring(&a, "return x", &[]).unwrap(),
        vec![string("in a")]
    );
    assert_eq!(
        ring.dostring(&b, "return x", &[]).unwrap(),
        vec![Transfer::Nil]
    );
    // Every slave has the standard library and remotedostring.
    assert_eq!(
        ring.dostring(&b, "return type(string.format), type(remotedostring)", &[])
            .unwrap(),
        vec![string("function"), string("function")]
    );
}

#[test]
fn remotedostring_reaches_the_master_globals() {
    let mut ring = Ring::new();
    ring.master()
        .exec(
            b"function greet(name) return 'hello ' .. name end",
            "=master",
        )
        .unwrap();
    let slave = ring.open_state(Limits::default());
    let answer = ring
        .dostring(
            &slave,
            "return remotedostring('return greet(...)', ...)",
            &[string("slave")],
        )
        .unwrap();
    assert_eq!(answer, vec![Transfer::Boolean(true), string("hello slave")]);
    // What the slave sets there stays in the master.
    ring.dostring(&slave, "remotedostring('from_slave = 7')", &[])
        .unwrap();
    let seen = ring
        .master()
        .eval_to_strings(b"return from_slave", "=check")
        .unwrap();
    assert_eq!(seen, vec!["7".to_string()]);
    // The master is a Lua master as well: its own rings slaves work.
    let nested = ring
        .master()
        .eval_to_strings(
            b"local S = require('rings').new() local ok, v = S:dostring('return 6 * 7') S:close() return v",
            "=nested",
        )
        .unwrap();
    assert_eq!(nested, vec!["42".to_string()]);
}

fn twice<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let doubled = match call.get(0) {
        Value::Integer(n) => Value::Integer(n.wrapping_mul(2)),
        Value::Number(n) => Value::Number(n * 2.0),
        _ => return Err(Error::runtime("twice: a number is needed")),
    };
    call.clear();
    call.push(doubled)?;
    Ok(Action::Return(1))
}

#[test]
fn rust_functions_installed_in_a_slave() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits::default());
    slave.set_function("twice", twice).unwrap();
    assert_eq!(
        ring.dostring(
            &slave,
            "return twice(...), twice(1.25)",
            &[Transfer::Integer(21)]
        )
        .unwrap(),
        vec![Transfer::Integer(42), Transfer::Number(2.5)]
    );
    // Its errors are the slave's errors, with the caller's position.
    let message = failure_text(ring.dostring(&slave, "return twice('x')", &[]));
    assert!(
        message.starts_with(
            "[string \"return twice('x')\"]:1: twice: a number is needed\nstack traceback:"
        ),
        "{message}"
    );
    // Only that slave has it.
    let other = ring.open_state(Limits::default());
    assert_eq!(
        ring.dostring(&other, "return twice", &[]).unwrap(),
        vec![Transfer::Nil]
    );
    // with_lua reaches the slave's state directly.
    let global = slave
        .with_lua(|lua| {
            lua.eval_to_strings(b"return type(twice)", "=check")
                .unwrap()
        })
        .unwrap();
    assert_eq!(global, vec!["function".to_string()]);
}

#[test]
fn failures_are_messages_and_refusals_are_errors() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits::default());
    // A compile error: the bare message.
    assert_eq!(
        failure_text(ring.dostring(&slave, "x = = 1", &[])),
        "[string \"x = = 1\"]:1: unexpected symbol near '='"
    );
    // A runtime error: the message and the traceback.
    assert_eq!(
        failure_text(ring.dostring(&slave, "error('boom')", &[])),
        "[string \"error('boom')\"]:1: boom\nstack traceback:\n\t[C]: in function 'error'\n\t[string \"error('boom')\"]:1: in main chunk"
    );
    // A number error value becomes text; other values nil.
    assert!(
        failure_text(ring.dostring(&slave, "error(42)", &[])).starts_with("42\nstack traceback:")
    );
    assert_eq!(
        ring.dostring(&slave, "error({})", &[]),
        Err(DoStringError::Failed(Transfer::Nil))
    );
    // A binary chunk runs too.
    let dump = ring
        .dostring(
            &slave,
            "return string.dump(function(a) return a + 1 end)",
            &[],
        )
        .unwrap();
    let [Transfer::String(bytes)] = &dump[..] else {
        panic!("expected a dump, got {dump:?}");
    };
    assert_eq!(
        ring.dostring(&slave, bytes, &[Transfer::Integer(1)])
            .unwrap(),
        vec![Transfer::Integer(2)]
    );
    // The slave is usable after all of these.
    assert_eq!(
        ring.dostring(&slave, "return 'fine'", &[]).unwrap(),
        vec![string("fine")]
    );
}

#[test]
fn closing_a_slave() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits::default());
    let handle: Slave = slave.clone();
    assert!(!slave.is_closed() && !slave.is_running());
    ring.close(&slave).unwrap();
    assert!(slave.is_closed() && handle.is_closed());
    // Idempotent.
    ring.close(&handle).unwrap();
    // A closed slave refuses to run, and its state is gone.
    assert_eq!(
        ring.dostring(&slave, "return 1", &[]),
        Err(DoStringError::Refused(b"already closed state".to_vec()))
    );
    assert_eq!(slave.set_function("twice", twice), Err(SlaveError::Closed));
    assert_eq!(slave.with_lua(|_| ()).err(), Some(SlaveError::Closed));
    assert_eq!(SlaveError::Closed.message(), "already closed state");
    // Other slaves are not affected.
    let other = ring.open_state(Limits::default());
    assert_eq!(
        ring.dostring(&other, "return 1", &[]).unwrap(),
        vec![Transfer::Integer(1)]
    );
}

#[test]
fn a_slave_cannot_close_itself_through_the_master() {
    let mut ring = Ring::new();
    // A slave made by the master's Lua code asks the master to close it.
    let answer = ring
        .master()
        .eval_to_strings(
            b"S = require('rings').new() \
              local ok, remote_ok, closed, message = S:dostring(\"return remotedostring('return pcall(S.close, S)')\") \
              return closed, message",
            "=master",
        )
        .unwrap();
    assert_eq!(
        answer,
        vec![
            "false".to_string(),
            "rings: cannot close a state that is running".to_string()
        ]
    );
    // It is still usable.
    let after = ring
        .master()
        .eval_to_strings(b"return select(2, S:dostring('return 1'))", "=master")
        .unwrap();
    assert_eq!(after, vec!["1".to_string()]);
}

#[test]
fn ring_memory_budget_covers_the_slaves() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits::default());
    let used = ring.master().ring_memory_used();
    assert!(used > 0);
    // The slave's heap counts in the ring.
    ring.dostring(&slave, "keep = string.rep('x', 1 << 20)", &[])
        .unwrap();
    assert!(ring.master().ring_memory_used() >= used + (1 << 20));
    ring.dostring(&slave, "keep = nil collectgarbage()", &[])
        .unwrap();

    let budget = ring.master().ring_memory_used() + (4 << 20);
    ring.master().set_ring_memory_limit(Some(budget));
    assert_eq!(
        ring.dostring(&slave, "local s = string.rep('x', 8 << 20) return #s", &[]),
        Err(DoStringError::Failed(string("not enough memory")))
    );
    assert_eq!(
        ring.dostring(&slave, "local t = {} for i = 1, 1e7 do t[i] = i end", &[]),
        Err(DoStringError::Failed(string("not enough memory")))
    );
    // Within the budget, the slave still works.
    assert_eq!(
        ring.dostring(&slave, "return #string.rep('x', 1 << 20)", &[])
            .unwrap(),
        vec![Transfer::Integer(1 << 20)]
    );
    // The budget is the ring's: a new slave draws on it as well.
    let other = ring.open_state(Limits::default());
    assert_eq!(
        ring.dostring(&other, "local s = string.rep('x', 8 << 20) return #s", &[]),
        Err(DoStringError::Failed(string("not enough memory")))
    );
    ring.master().set_ring_memory_limit(None);
    assert_eq!(
        ring.dostring(&other, "local s = string.rep('x', 8 << 20) return #s", &[])
            .unwrap(),
        vec![Transfer::Integer(8 << 20)]
    );
}

#[test]
fn closing_gives_the_memory_back_to_the_ring() {
    let mut ring = Ring::new();
    let before = ring.master().ring_memory_used();
    let slave = ring.open_state(Limits::default());
    ring.dostring(&slave, "keep = string.rep('x', 1 << 20)", &[])
        .unwrap();
    assert!(ring.master().ring_memory_used() > before + (1 << 20));
    ring.close(&slave).unwrap();
    let after = ring.master().ring_memory_used();
    assert!(after < before + (64 << 10), "{before} -> {after}");
}

#[test]
fn per_slave_limits() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits {
        memory: Some(4 << 20),
        instructions: Some(100_000),
    });
    assert_eq!(
        ring.dostring(&slave, "while true do end", &[]),
        Err(DoStringError::Failed(string("instruction limit exceeded")))
    );
    assert_eq!(
        ring.dostring(
            &slave,
            "return pcall(function() while true do end end)",
            &[]
        ),
        Err(DoStringError::Failed(string("instruction limit exceeded")))
    );
    assert_eq!(
        ring.dostring(&slave, "local s = string.rep('x', 8 << 20)", &[]),
        Err(DoStringError::Failed(string("not enough memory")))
    );
    assert_eq!(
        ring.dostring(&slave, "return 1 + 1", &[]).unwrap(),
        vec![Transfer::Integer(2)]
    );
    // The limits are the slave's own.
    let free = ring.open_state(Limits::default());
    assert_eq!(
        ring.dostring(
            &free,
            "local n = 0 for i = 1, 1e6 do n = n + 1 end return n",
            &[]
        )
        .unwrap(),
        vec![Transfer::Integer(1_000_000)]
    );
}

#[test]
fn nesting_is_bounded_by_a_lua_error() {
    let mut ring = Ring::new();
    let slave = ring.open_state(Limits::default());
    // The slave asks the master to run the same chunk in a new slave of the
    // master's, forever: a Lua error stops it, on a test thread's stack.
    ring.master()
        .exec(
            b"function again(code) local S = require('rings').new() return S:dostring(code, code) end",
            "=master",
        )
        .unwrap();
    let code = "local c = ... return remotedostring('return again(...)', c)";
    let answer = ring.dostring(&slave, code, &[string(code)]).unwrap();
    let Some(Transfer::String(message)) = answer.last() else {
        panic!("expected a message last, got {answer:?}");
    };
    let message = String::from_utf8_lossy(message);
    assert!(
        message.contains(saturn_rings::run::NESTING_MESSAGE),
        "{message}"
    );
    assert_eq!(
        ring.dostring(&slave, "return 'usable'", &[]).unwrap(),
        vec![string("usable")]
    );
}
