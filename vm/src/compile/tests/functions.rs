//! Functions: closures, upvalues, methods and varargs.

use super::helpers::*;
use crate::bytecode::Op;

#[test]
fn closures_capture_locals_and_upvalues() {
    let proto = compile(
        "local a, b = 1, 2\nfunction f()\n  local c = a\n  return function() return a + b + c end\nend",
    );
    assert_eq!(
        ops_of(&proto.protos[0]),
        [
            "GETUPVAL 0 0",
            "CLOSURE 1 0",
            "RETURN 1 2 0 (k)",
            "RETURN 1 1 0 (k)"
        ]
    );
    assert_eq!(proto.protos[0].protos.len(), 1);
    assert_eq!(proto.code[3], Op::Closure { a: 2, proto: 0 });
}

#[test]
fn upvalues_are_read_and_written() {
    assert_fn_ops(
        "local x = 0\nlocal function inc() x = x + 1 return x end",
        &[
            "GETUPVAL 0 0",
            "ADDI 0 0 1",
            "SETUPVAL 0 0",
            "GETUPVAL 0 0",
            "RETURN1 0",
            "RETURN0",
        ],
    );
}

#[test]
fn local_functions_see_themselves() {
    // `local function` captures its own variable (and so closes it) ...
    assert_ops(
        "local function f() return f end",
        &["VARARGPREP 0", "CLOSURE 0 0", "RETURN 1 1 1 (k)"],
    );
    let proto = compile("local function f() return f end");
    assert!(proto.protos[0].upvalues[0].in_stack);
    // ... while `local f = function` sees a global `f`.
    assert_ops(
        "local f = function() return f end",
        &["VARARGPREP 0", "CLOSURE 0 0", "RETURN 1 1 1"],
    );
    assert_eq!(
        compile("local f = function() return f end").protos[0].upvalues[0]
            .name
            .as_deref(),
        Some(&b"_ENV"[..])
    );
}

#[test]
fn method_definitions_get_self() {
    assert_ops(
        "local t = {}\nfunction t.a.b.c:m(x) return self, x end",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "GETFIELD 1 0 K0",
            "GETFIELD 1 1 K1",
            "GETFIELD 1 1 K2",
            "CLOSURE 2 0",
            "SETFIELD 1 K3 2",
            "RETURN 1 1 1",
        ],
    );
    assert_fn_ops(
        "local t = {}\nfunction t.a.b.c:m(x) return self, x end",
        &["MOVE 2 0", "MOVE 3 1", "RETURN 2 3 0", "RETURN0"],
    );
}

#[test]
fn varargs() {
    assert_fn_ops(
        "function f(...) return select('#', ...), ... end",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "LOADK 1 K1",
            "VARARG 2 0",
            "CALL 0 0 2",
            "VARARG 1 0",
            "RETURN 0 0 1",
            "RETURN 0 1 1",
        ],
    );
}

#[test]
fn control_structures_too_long() {
    let body = "x = 1\n".repeat(131_072);
    let message = compile_error(&format!("for i = 1, 2 do\n{body}end"));
    assert!(message.contains("control structure too long"), "{message}");
    compile(&format!("for i = 1, 2 do\n{}end", "x = 1\n".repeat(1000)));
}

#[test]
fn listings_describe_every_function() {
    let proto = compile("local x = 1.5\nfunction f(a, ...) return a, x end");
    let text = crate::compile::listing(&proto);
    for expected in [
        "main <test:0,0> (5 instructions)",
        "0+ params, 2 slots, 1 upvalues, 1 locals, 2 constants, 1 functions",
        "\t2\t[1]\tLOADK 0 K0",
        "\t0\t1.5",
        "\t1\t\"f\"",
        "\t0\tx\t3\t6",
        "\t0\t_ENV\t1\t0",
        "function <test:2,2> (5 instructions)",
        "1+ params, 3 slots, 1 upvalues, 1 locals, 0 constants, 0 functions",
        "\t2\t[2]\tMOVE 1 0",
        "\t5\t[2]\tRETURN 1 1 2",
        "\t0\ta\t1\t6",
        "\t0\tx\t1\t0",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
}
