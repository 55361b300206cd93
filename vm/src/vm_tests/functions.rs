//! Functions: calls to native and Lua functions, returns, varargs and
//! multiple results, closures and upvalues, proper tail calls and stack overflow.

use crate::bytecode::{Constant, Op};
use crate::value::Value;

use super::*;

#[test]
fn calls_a_native_function() {
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::LoadK { a: 1, k: 1 },
        Op::LoadI { a: 2, value: 7 },
        Op::Call { a: 0, b: 3, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("record"), s("hi")]);
    run(asm).unwrap();
    assert_eq!(output(), vec!["hi\t7"]);
}

/// `local function counter() local n = 0; return function() n = n + 1; return n end end`
fn counter_proto() -> Asm {
    let inc = Asm::function(
        vec![
            Op::GetUpval { a: 0, b: 0 },
            Op::AddI { a: 0, b: 0, imm: 1 },
            Op::SetUpval { a: 0, b: 0 },
            Op::GetUpval { a: 0, b: 0 },
            Op::Return1 { a: 0 },
        ],
        0,
        2,
    )
    .upvalues(&[("n", true, 0)]);
    Asm::function(
        vec![
            Op::LoadI { a: 0, value: 0 },
            Op::Closure { a: 1, proto: 0 },
            Op::Return {
                a: 1,
                b: 2,
                close: true,
                nparams1: 0,
            },
        ],
        0,
        1,
    )
    .protos(vec![inc])
}

#[test]
fn closures_share_and_close_upvalues() {
    // local c = counter(); c(); c(); local d = counter(); return c(), d()
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::Move { a: 1, b: 0 },
        Op::Call { a: 1, b: 1, c: 2 }, // r1 = counter()
        Op::Move { a: 2, b: 1 },
        Op::Call { a: 2, b: 1, c: 1 },
        Op::Move { a: 2, b: 1 },
        Op::Call { a: 2, b: 1, c: 1 },
        Op::Move { a: 2, b: 0 },
        Op::Call { a: 2, b: 1, c: 2 }, // r2 = counter()
        Op::Move { a: 3, b: 1 },
        Op::Call { a: 3, b: 1, c: 2 },
        Op::Move { a: 4, b: 2 },
        Op::Call { a: 4, b: 1, c: 2 },
        Op::Return {
            a: 3,
            b: 3,
            close: false,
            nparams1: 1,
        },
    ])
    .protos(vec![counter_proto()]);
    assert_eq!(run(asm).unwrap(), vec!["3", "1"]);
}

/// `local function sum(n, acc) if n == 0 then return acc end return sum(n - 1, acc + n) end`
/// called with a depth far beyond any Rust stack: proper tail calls.
#[test]
fn tail_calls_run_in_constant_space() {
    let sum = Asm::function(
        vec![
            Op::EqI {
                a: 0,
                imm: 0,
                is_float: false,
                k: false,
            },
            Op::Jmp { target: 3 },
            Op::Return1 { a: 1 },
            Op::GetUpval { a: 2, b: 0 },
            Op::AddI {
                a: 3,
                b: 0,
                imm: -1,
            },
            add(4, 1, 0),
            Op::TailCall {
                a: 2,
                b: 3,
                close: false,
                nparams1: 0,
            },
            Op::Return {
                a: 2,
                b: 0,
                close: false,
                nparams1: 0,
            },
        ],
        2,
        1,
    )
    .upvalues(&[("sum", true, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadNil { a: 0, b: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::Move { a: 1, b: 0 },
        Op::LoadK { a: 2, k: 0 },
        Op::LoadI { a: 3, value: 0 },
        Op::Call { a: 1, b: 3, c: 0 },
        Op::Return {
            a: 1,
            b: 0,
            close: true,
            nparams1: 1,
        },
    ])
    .k(vec![Constant::Integer(1_000_000)])
    .protos(vec![sum]);
    assert_eq!(run(asm).unwrap(), vec!["500000500000"]);
}

/// Deep non-tail recursion is a catchable "stack overflow", not a crash.
#[test]
fn deep_recursion_is_a_stack_overflow_error() {
    // local function f() return 1 + f() end; return pcall(f)
    let f = Asm::function(
        vec![
            Op::GetUpval { a: 0, b: 0 },
            Op::Call { a: 0, b: 1, c: 2 },
            Op::AddI { a: 0, b: 0, imm: 1 },
            Op::Return1 { a: 0 },
        ],
        0,
        1,
    )
    .upvalues(&[("f", true, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadNil { a: 0, b: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 0 },
        Op::Move { a: 2, b: 0 },
        Op::Call { a: 1, b: 2, c: 0 },
        Op::Return {
            a: 1,
            b: 0,
            close: true,
            nparams1: 1,
        },
    ])
    .k(vec![s("pcall")])
    .protos(vec![f]);
    assert_eq!(run(asm).unwrap(), vec!["false", "test:1: stack overflow"]);
}

#[test]
fn varargs_and_multiple_results() {
    // local function f(...) return select-like: return ... end; return f(1, 2, 3)
    let f = Asm::function(
        vec![
            Op::VarArgPrep { nparams: 1 },
            Op::VarArg { a: 1, c: 0 },
            Op::Return {
                a: 0,
                b: 0,
                close: false,
                nparams1: 2,
            },
        ],
        1,
        1,
    );
    let mut f = f;
    f.proto.is_vararg = true;
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::LoadI { a: 1, value: 1 },
        Op::LoadI { a: 2, value: 2 },
        Op::LoadI { a: 3, value: 3 },
        Op::Call { a: 0, b: 4, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .protos(vec![f]);
    assert_eq!(run(asm).unwrap(), vec!["1", "2", "3"]);
}

#[test]
fn functions_print_like_puc() {
    let lua = new_lua();
    lua.enter(|ctx| {
        let v = ctx.get_global("record");
        let text = String::from_utf8(v.to_display_bytes()).unwrap();
        assert!(text.starts_with("function: 0x"), "{text}");
        assert!(matches!(v, Value::NativeFunction(_)));
    });
}

#[test]
fn source_closures_varargs_and_calls() {
    check(
        "local function f(...) return select('#', ...), ... end\nprint(f(1, nil, 3))\nprint((f(1, 2)))",
        &["3\t1\tnil\t3", "2"],
    );
    check(
        "local fs = {}\nfor i = 1, 3 do fs[i] = function() return i end end\nprint(fs[1](), fs[2](), fs[3]())",
        &["1\t2\t3"],
    );
    check(
        "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\nprint(fib(20))",
        &["6765"],
    );
}
