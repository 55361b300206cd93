//! Catching and reporting errors: `pcall`, `xpcall` handlers, tracebacks of
//! uncaught errors and messages of non-string error objects.

use crate::bytecode::Op;

use super::*;

#[test]
fn pcall_catches_errors_and_error_values_pass_unchanged() {
    // return pcall(error, {})  -> false, table ; pcall(error, "m") -> false, "m"
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::LoadK { a: 2, k: 2 },
        Op::Call { a: 0, b: 3, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("pcall"), s("error"), s("message")]);
    assert_eq!(run(asm).unwrap(), vec!["false", "message"]);
}

#[test]
fn xpcall_handler_runs_at_the_error_point() {
    // return xpcall(error, function(m) return m .. "!" end, "e")
    let handler = Asm::function(
        vec![
            Op::Move { a: 1, b: 0 },
            Op::LoadK { a: 2, k: 0 },
            Op::Concat { a: 1, n: 2 },
            Op::Return1 { a: 1 },
        ],
        1,
        1,
    )
    .k(vec![s("!")]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::Closure { a: 2, proto: 0 },
        Op::LoadK { a: 3, k: 2 },
        Op::Call { a: 0, b: 4, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("xpcall"), s("error"), s("e")])
    .protos(vec![handler]);
    assert_eq!(run(asm).unwrap(), vec!["false", "e!"]);

    // A handler that fails: "error in error handling".
    let handler = Asm::function(
        vec![
            Op::GetTabUp { a: 1, b: 0, key: 0 },
            Op::Move { a: 2, b: 0 },
            Op::Call { a: 1, b: 2, c: 1 },
            Op::Return0,
        ],
        1,
        1,
    )
    .k(vec![s("error")])
    .upvalues(&[("_ENV", false, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::Closure { a: 2, proto: 0 },
        Op::LoadK { a: 3, k: 2 },
        Op::Call { a: 0, b: 4, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("xpcall"), s("error"), s("e")])
    .protos(vec![handler]);
    assert_eq!(run(asm).unwrap(), vec!["false", "error in error handling"]);
}

#[test]
fn uncaught_errors_carry_a_traceback() {
    let mut lua = source_lua();
    let err = lua
        .exec(
            b"local function lvl2() local x = nil; return x.y end\nlocal function lvl1() return (lvl2()) end\nlvl1()",
            "@tb.lua",
        )
        .unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "tb.lua:1: attempt to index a nil value (local 'x')"
    );
    assert_eq!(
        err.traceback_lossy(),
        "stack traceback:\n\ttb.lua:1: in upvalue 'lvl2'\n\ttb.lua:2: in local 'lvl1'\n\ttb.lua:3: in main chunk\n\t[C]: in ?"
    );
}

#[test]
fn error_objects_are_reported_through_tostring() {
    let mut lua = source_lua();
    let err = lua
        .exec(
            b"error(setmetatable({}, {__tostring = function() return 'custom error' end}))",
            "=e",
        )
        .unwrap_err();
    assert_eq!(err.message_lossy(), "custom error");
    let err = lua.exec(b"error({})", "=e").unwrap_err();
    assert_eq!(err.message_lossy(), "(error object is a table value)");
    let err = lua.exec(b"error()", "=e").unwrap_err();
    assert_eq!(err.message_lossy(), "(error object is a nil value)");
}
