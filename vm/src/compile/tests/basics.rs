//! Loads, locals, assignments, calls and returns. Expected code was checked
//! against PUC Lua 5.4.8's (without its `MMBIN`/`EXTRAARG` instructions).

use super::helpers::*;
use crate::bytecode::{Constant, Op};

#[test]
fn main_chunk_is_vararg_with_env_upvalue() {
    let proto = compile("");
    assert!(proto.is_vararg);
    assert_eq!(proto.num_params, 0);
    assert_eq!(
        proto.code,
        vec![
            Op::VarArgPrep { nparams: 0 },
            Op::Return {
                a: 0,
                b: 1,
                close: false,
                nparams1: 1
            }
        ]
    );
    assert_eq!(proto.upvalues.len(), 1);
    let env = &proto.upvalues[0];
    assert_eq!(env.name.as_deref(), Some(&b"_ENV"[..]));
    assert!(env.in_stack);
    assert_eq!(env.index, 0);
    assert_eq!(&*proto.source, b"=test");
    assert_eq!(proto.max_stack, 2);
}

#[test]
fn constants_load_with_the_shortest_form() {
    assert_ops(
        "local a = 1\nlocal b = 1.5\nlocal c = 100000\nlocal d = 2.0^60\nlocal e = \"s\"\n\
         local f, g, h\nlocal i = nil\nlocal j = true\nlocal k = false",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "LOADK 1 K0",
            "LOADK 2 K1",
            "LOADK 3 K2",
            "LOADK 4 K3",
            "LOADNIL 5 3",
            "LOADTRUE 9",
            "LOADFALSE 10",
            "RETURN 11 1 1",
        ],
    );
    let proto = compile("local a, b, c, d = 1.5, 100000, 2.0^60, 3.0");
    assert_eq!(
        proto.constants,
        vec![
            Constant::Number(1.5),
            Constant::Integer(100000),
            Constant::Number(2f64.powi(60)),
        ]
    );
    assert_eq!(proto.code[4], Op::LoadF { a: 3, value: 3 });
}

#[test]
fn constants_are_shared_within_a_function() {
    let proto = compile("local a, b, c, d = 'x', 'x', 1.0, 1 + 0.0 local e = 2^53");
    assert_eq!(
        proto.constants,
        vec![
            Constant::String(b"x"[..].into()),
            Constant::Number(9007199254740992.0)
        ]
    );
}

#[test]
fn multiple_results_adjust_to_the_variables() {
    assert_ops(
        "local a, b, c = f()",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "CALL 0 1 4",
            "RETURN 3 1 1",
        ],
    );
    assert_ops(
        "local a, b = ...",
        &["VARARGPREP 0", "VARARG 0 3", "RETURN 2 1 1"],
    );
    assert_ops(
        "local a = f(), g()",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "CALL 0 1 2",
            "GETTABUP 1 0 K1",
            "CALL 1 1 1",
            "RETURN 1 1 1",
        ],
    );
    assert_ops(
        "local a = (f())",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "CALL 0 1 2",
            "RETURN 1 1 1",
        ],
    );
    assert_ops(
        "local a, b, c = 1",
        &["VARARGPREP 0", "LOADI 0 1", "LOADNIL 1 1", "RETURN 3 1 1"],
    );
    assert_ops(
        "x, y, z = f()",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K3",
            "CALL 0 1 4",
            "SETTABUP 0 K2 2",
            "SETTABUP 0 K1 1",
            "SETTABUP 0 K0 0",
            "RETURN 0 1 1",
        ],
    );
}

#[test]
fn globals_go_through_env() {
    assert_ops(
        "x = y",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K1",
            "SETTABUP 0 K0 0",
            "RETURN 0 1 1",
        ],
    );
    // With a local _ENV, globals are fields of a register.
    assert_ops(
        "local _ENV = {} x = y",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "GETFIELD 1 0 K1",
            "SETFIELD 0 K0 1",
            "RETURN 1 1 1",
        ],
    );
    // A nested function captures _ENV as an upvalue.
    let proto = compile("function f() return g end");
    assert_eq!(
        ops_of(&proto.protos[0]),
        ["GETTABUP 0 0 K0", "RETURN1 0", "RETURN0"]
    );
    let up = &proto.protos[0].upvalues[0];
    assert_eq!(
        (up.name.as_deref(), up.in_stack, up.index),
        (Some(&b"_ENV"[..]), false, 0)
    );
}

#[test]
fn multiple_assignment_evaluates_left_to_right_and_stores_right_to_left() {
    assert_ops(
        "local t = {}\nt.x, t.y = 1, 2",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "LOADI 1 1",
            "SETFIELD 0 K1 K2",
            "SETFIELD 0 K0 1",
            "RETURN 1 1 1",
        ],
    );
    assert_ops(
        "local a, b\na, b = b, a",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 1",
            "MOVE 2 1",
            "MOVE 1 0",
            "MOVE 0 2",
            "RETURN 2 1 1",
        ],
    );
}

#[test]
fn assignment_conflicts_copy_the_local_first() {
    // `a` is assigned after `t[a]` was prepared: no conflict.
    assert_ops(
        "local a\nlocal t = {}\na, t[a] = 1, 2",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "NEWTABLE 1 0 0",
            "LOADI 2 1",
            "SETTABLE 1 0 K0",
            "MOVE 0 2",
            "RETURN 2 1 1",
        ],
    );
    // `t[a]` uses `a`, assigned later in the same statement: copy it.
    assert_ops(
        "local a\nlocal t = {}\nt[a], a = 1, 2",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "NEWTABLE 1 0 0",
            "MOVE 2 0",
            "LOADI 3 1",
            "LOADI 0 2",
            "SETTABLE 1 2 3",
            "RETURN 2 1 1",
        ],
    );
    // The table itself is the local being assigned.
    assert_ops(
        "local t = {}\nt.x, t = 1, 2",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "MOVE 1 0",
            "LOADI 2 1",
            "LOADI 0 2",
            "SETFIELD 1 K0 2",
            "RETURN 1 1 1",
        ],
    );
    // An upvalue table assigned in the same statement.
    assert_fn_ops(
        "local t = {}\nfunction f() t.x, t = 1, 2 end",
        &[
            "GETUPVAL 0 0",
            "LOADI 1 1",
            "LOADI 2 2",
            "SETUPVAL 2 0",
            "SETFIELD 0 K0 1",
            "RETURN0",
        ],
    );
}

#[test]
fn calls_pass_open_results_along() {
    assert_ops(
        "f(g())",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K1",
            "CALL 1 1 0",
            "CALL 0 0 1",
            "RETURN 0 1 1",
        ],
    );
    assert_ops(
        "f(...)",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "VARARG 1 0",
            "CALL 0 0 1",
            "RETURN 0 1 1",
        ],
    );
    assert_ops(
        "f 'x' f {}",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "LOADK 1 K1",
            "CALL 0 2 1",
            "GETTABUP 0 0 K0",
            "NEWTABLE 1 0 0",
            "CALL 0 2 1",
            "RETURN 0 1 1",
        ],
    );
}

#[test]
fn method_calls_use_self() {
    assert_ops(
        "local o = {} o:m(1)",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "SELF 1 0 K0",
            "LOADI 3 1",
            "CALL 1 3 1",
            "RETURN 1 1 1",
        ],
    );
    assert_ops(
        "local s = ('x'):rep(3)",
        &[
            "VARARGPREP 0",
            "LOADK 0 K0",
            "SELF 0 0 K1",
            "LOADI 2 3",
            "CALL 0 3 2",
            "RETURN 1 1 1",
        ],
    );
}

#[test]
fn returns_use_specialised_forms() {
    assert_ops(
        "return f(x)",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K1",
            "TAILCALL 0 2 1",
            "RETURN 0 0 1",
            "RETURN 0 1 1",
        ],
    );
    assert_ops(
        "return f(x), 1",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K1",
            "CALL 0 2 2",
            "LOADI 1 1",
            "RETURN 0 3 1",
            "RETURN 0 1 1",
        ],
    );
    assert_ops(
        "return ...",
        &["VARARGPREP 0", "VARARG 0 0", "RETURN 0 0 1", "RETURN 0 1 1"],
    );
    assert_ops(
        "local a\nreturn a",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "RETURN 0 2 1",
            "RETURN 1 1 1",
        ],
    );
    assert_fn_ops(
        "local function f(a)\n  return a\nend",
        &["RETURN1 0", "RETURN0"],
    );
    assert_fn_ops("local function f() return end", &["RETURN0", "RETURN0"]);
    assert_fn_ops(
        "local function f(a, b, ...)\n  local c = ...\n  return a\nend",
        &["VARARGPREP 2", "VARARG 2 2", "RETURN 0 2 3", "RETURN 3 1 3"],
    );
}

#[test]
fn no_tail_call_inside_to_be_closed_scope() {
    assert_ops(
        "local t <close> = x\nreturn f(t)",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "TBC 0",
            "GETTABUP 1 0 K1",
            "MOVE 2 0",
            "CALL 1 2 0",
            "RETURN 1 0 1 (k)",
            "RETURN 1 1 1 (k)",
        ],
    );
}

#[test]
fn returns_close_upvalues_when_needed() {
    assert_fn_ops(
        "function g() local x; local h = function() return x end; return 1 end",
        &[
            "LOADNIL 0 0",
            "CLOSURE 1 0",
            "LOADI 2 1",
            "RETURN 2 2 0 (k)",
            "RETURN 2 1 0 (k)",
        ],
    );
}

#[test]
fn compile_time_constants_take_no_register() {
    let proto =
        compile("local x <const> = 10\nlocal s <const> = 'str'\nlocal y = x + 1\nreturn s, y");
    assert_eq!(
        ops_of(&proto),
        [
            "VARARGPREP 0",
            "LOADI 0 11",
            "LOADK 1 K0",
            "MOVE 2 0",
            "RETURN 1 3 1",
            "RETURN 1 1 1"
        ]
    );
    let names: Vec<&[u8]> = proto.locals.iter().map(|v| &v.name[..]).collect();
    assert_eq!(names, [&b"y"[..]]);
    // Only the last of a list becomes a compile-time constant.
    assert_ops(
        "local a <const>, b <const> = 1, 2 return a + b",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "ADDI 1 0 2",
            "RETURN 1 2 1",
            "RETURN 1 1 1",
        ],
    );
    // Non-constant initialisers make read-only registers.
    assert_ops(
        "local t <const> = {} return t",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "RETURN 0 2 1",
            "RETURN 1 1 1",
        ],
    );
    // Constants seen from nested functions need no upvalue.
    let proto = compile("local k <const> = 'key' function f() return k end");
    assert_eq!(
        ops_of(&proto.protos[0]),
        ["LOADK 0 K0", "RETURN1 0", "RETURN0"]
    );
    assert!(proto.protos[0].upvalues.is_empty());
}
