//! Table constructors and indexing.

use super::helpers::*;
use crate::bytecode::Op;

#[test]
fn constructors_mix_list_and_hash_items() {
    assert_ops(
        "local t = {1, 2, 3, x = 1, [10] = 2, f(), ...}",
        &[
            "VARARGPREP 0",
            // luac says 4: Saturn counts the trailing `...` as one value.
            "NEWTABLE 0 5 2",
            "LOADI 1 1",
            "LOADI 2 2",
            "LOADI 3 3",
            "SETFIELD 0 K0 K1",
            "SETI 0 10 K2",
            "GETTABUP 4 0 K3",
            "CALL 4 1 2",
            "VARARG 5 0",
            "SETLIST 0 0 0",
            "RETURN 1 1 1",
        ],
    );
    assert_ops(
        "local u = {f()}\nlocal v = {...}\nlocal w = {(f())}\nlocal e = {}\nlocal h = {a = 1, b = 2, c = 3}",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 1 0", // luac: 0 (the call counts as one value)
            "GETTABUP 1 0 K0",
            "CALL 1 1 0",
            "SETLIST 0 0 0",
            "NEWTABLE 1 1 0", // luac: 0
            "VARARG 2 0",
            "SETLIST 1 0 0",
            "NEWTABLE 2 1 0",
            "GETTABUP 3 0 K0",
            "CALL 3 1 2",
            "SETLIST 2 1 0",
            "NEWTABLE 3 0 0",
            "NEWTABLE 4 0 3",
            "SETFIELD 4 K1 K2",
            "SETFIELD 4 K3 K4",
            "SETFIELD 4 K5 K6",
            "RETURN 5 1 1",
        ],
    );
}

fn numbers(range: std::ops::RangeInclusive<u32>) -> String {
    range.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

#[test]
fn list_items_are_stored_in_batches_of_fifty() {
    let ops = ops(&format!("local t = {{{}, x = 1, 53}}", numbers(1..=52)));
    assert_eq!(ops[1], "NEWTABLE 0 53 1");
    assert_eq!(ops[52], "SETLIST 0 50 0");
    assert_eq!(
        &ops[53..],
        [
            "LOADI 1 51",
            "LOADI 2 52",
            "SETFIELD 0 K0 K1",
            "LOADI 3 53",
            "SETLIST 0 3 50",
            "RETURN 1 1 1"
        ]
    );
    let ops = super::helpers::ops(&format!("local t = {{{}, f()}}", numbers(1..=50)));
    // The trailing call counts as one value (luac: 50).
    assert_eq!(ops[1], "NEWTABLE 0 51 0");
    assert_eq!(
        &ops[52..],
        [
            "SETLIST 0 50 0",
            "GETTABUP 1 0 K0",
            "CALL 1 1 0",
            "SETLIST 0 0 50",
            "RETURN 1 1 1"
        ]
    );
    // Offsets keep growing past 255 items.
    let proto = compile(&format!("local t = {{{}}}", numbers(1..=1000)));
    assert_eq!(
        proto.code[1],
        Op::NewTable {
            a: 0,
            array: 1000,
            hash: 0
        }
    );
    assert!(proto.code.contains(&Op::SetList {
        a: 0,
        n: 50,
        offset: 950
    }));
}

#[test]
fn indexing_forms() {
    assert_ops(
        "local t = {}\nprint(t[1], t.x, t[300], t[x], t[-1], t[\"long string over forty characters long.....\"], t[1.0], t[true])\n\
         t[1] = 1; t.x = 2; t[300] = 3; t[0] = 4; t[255] = 5; t[256] = 6; t.y = t; t[t] = \"s\"",
        &[
            "VARARGPREP 0",
            "NEWTABLE 0 0 0",
            "GETTABUP 1 0 K0",
            "GETI 2 0 1",
            "GETFIELD 3 0 K1",
            "LOADI 4 300",
            "GETTABLE 4 0 4",
            "GETTABUP 5 0 K1",
            "GETTABLE 5 0 5",
            "LOADI 6 -1",
            "GETTABLE 6 0 6",
            "LOADK 7 K2",
            "GETTABLE 7 0 7",
            "LOADF 8 1",
            "GETTABLE 8 0 8",
            "LOADTRUE 9",
            "GETTABLE 9 0 9",
            "CALL 1 9 1",
            "SETI 0 1 K3",
            "SETFIELD 0 K1 K4",
            "LOADI 1 300",
            "SETTABLE 0 1 K5",
            "SETI 0 0 K6",
            "SETI 0 255 K7",
            "LOADI 1 256",
            "SETTABLE 0 1 K8",
            "SETFIELD 0 K9 0",
            "SETTABLE 0 0 K10",
            "RETURN 1 1 1",
        ],
    );
}

#[test]
fn suffix_chains() {
    assert_ops(
        "print(a.b.c.d.e)\nprint(f()()())\nprint(a:b():c():d())",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K1",
            "GETFIELD 1 1 K2",
            "GETFIELD 1 1 K3",
            "GETFIELD 1 1 K4",
            "GETFIELD 1 1 K5",
            "CALL 0 2 1",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K6",
            "CALL 1 1 2",
            "CALL 1 1 2",
            "CALL 1 1 0",
            "CALL 0 0 1",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K1",
            "SELF 1 1 K2",
            "CALL 1 2 2",
            "SELF 1 1 K3",
            "CALL 1 2 2",
            "SELF 1 1 K4",
            "CALL 1 2 0",
            "CALL 0 0 1",
            "RETURN 0 1 1",
        ],
    );
}

#[test]
fn long_suffix_chains_compile_without_recursion() {
    let fields = format!("x = a{}", ".b".repeat(100_000));
    let calls = format!("f{}", "()".repeat(100_000));
    let methods = format!("o{}", ":m()".repeat(50_000));
    let counts = run_with_small_stack(move || {
        [fields, calls, methods].map(|source| compile(&source).code.len())
    });
    assert_eq!(counts, [100_004, 100_003, 100_003]);
}
