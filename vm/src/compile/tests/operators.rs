//! Arithmetic, bitwise, comparison, concatenation and logical operators:
//! immediate and constant operands, constant folding, conditions.

use super::helpers::*;
use crate::bytecode::{Constant, Op};

#[test]
fn arithmetic_uses_immediate_and_constant_operands() {
    assert_ops(
        "local a, b\nreturn a + 1, a - 1, a * 2, a / 2, a % 2, a // 2, a ^ 2, a + 1.5, a + 200, a - 200",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 1",
            "ADDI 2 0 1",
            "SUBK 3 0 K0",
            "MULK 4 0 K1",
            "DIVK 5 0 K1",
            "MODK 6 0 K1",
            "IDIVK 7 0 K1",
            "POWK 8 0 K1",
            "ADDK 9 0 K2",
            "ADDK 10 0 K3",
            "SUBK 11 0 K3",
            "RETURN 2 11 1",
            "RETURN 2 1 1",
        ],
    );
    let proto = compile("local a return a - 1");
    assert_eq!(proto.code[2], Op::SubK { a: 1, b: 0, k: 0 });
    assert_eq!(proto.constants, vec![Constant::Integer(1)]);
}

#[test]
fn bitwise_operators_and_shifts() {
    assert_ops(
        "local a\nreturn a & 1, a | 2, a ~ 3, a << 2, a >> 2, 2 << a, 1 << a, a >> 200, a & 1.0, a + b",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "BANDK 1 0 K0",
            "BORK 2 0 K1",
            "BXORK 3 0 K2",
            "SHLK 4 0 K1",
            "SHRI 5 0 2",
            "SHLI 6 0 2",
            "SHLI 7 0 1",
            "LOADI 8 200",
            "SHR 8 0 8",
            "LOADF 9 1",
            "BAND 9 0 9",
            "GETTABUP 10 0 K3",
            "ADD 10 0 10",
            "RETURN 1 11 1",
            "RETURN 1 1 1",
        ],
    );
}

/// PUC swaps a constant first operand and marks the instruction "flipped"
/// for metamethods; Saturn's instructions have no such mark, so the
/// constant goes to a register and metamethods see the source order.
#[test]
fn constant_first_operands_keep_source_order() {
    assert_ops(
        "local a\nreturn 1 + a, 2 * a, 1 & a, a + (-5), -127 + a",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "LOADI 1 1",
            "ADD 1 1 0",
            "LOADI 2 2",
            "MUL 2 2 0",
            "LOADI 3 1",
            "BAND 3 3 0",
            "ADDI 4 0 -5",
            "LOADI 5 -127",
            "ADD 5 5 0",
            "RETURN 1 6 1",
            "RETURN 1 1 1",
        ],
    );
}

#[test]
fn unary_operators() {
    assert_ops(
        "local a\nreturn -a, not a, #a, ~a",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "UNM 1 0",
            "NOT 2 0",
            "LEN 3 0",
            "BNOT 4 0",
            "RETURN 1 5 1",
            "RETURN 1 1 1",
        ],
    );
}

#[test]
fn numeric_constants_fold() {
    let proto = compile(
        "return 1 + 2, 3 * 4.0, 10 // 3, -7 // 2, 7 % -3, 2^10, 1 / 2, 3 & 5, 1 << 62, 1 << 64, -(-3), ~0",
    );
    assert_eq!(
        ops_of(&proto),
        [
            "VARARGPREP 0",
            "LOADI 0 3",
            "LOADF 1 12",
            "LOADI 2 3",
            "LOADI 3 -4",
            "LOADI 4 -2",
            "LOADF 5 1024",
            "LOADK 6 K0",
            "LOADI 7 1",
            "LOADK 8 K1",
            "LOADI 9 0",
            "LOADI 10 3",
            "LOADI 11 -1",
            "RETURN 0 13 1",
            "RETURN 0 1 1",
        ]
    );
    assert_eq!(
        proto.constants,
        vec![Constant::Number(0.5), Constant::Integer(1 << 62)]
    );
    // Wrap-around and float results.
    let proto = compile("return 9223372036854775807 + 1, -(-9223372036854775807 - 1), 5.5 % 2");
    assert_eq!(
        proto.constants,
        vec![Constant::Integer(i64::MIN), Constant::Number(1.5)]
    );
}

#[test]
fn unsafe_operations_are_not_folded() {
    assert_ops(
        "return 1 // 0, 1 % 0, 1 / 0, 0.0 / 0, -0.0, 1.0 - 1, 3.5 & 1, 2^63 | 0, \"a\" + 1, -\"2\"",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "IDIVK 0 0 K0",
            "LOADI 1 1",
            "MODK 1 1 K0",
            "LOADI 2 1",
            "DIVK 2 2 K0",
            "LOADF 3 0",
            "DIVK 3 3 K0",
            "LOADF 4 0",
            "UNM 4 4",
            "LOADF 5 1",
            "SUBK 5 5 K1",
            "LOADK 6 K2",
            "BANDK 6 6 K1",
            "LOADK 7 K3",
            "BORK 7 7 K0",
            "LOADK 8 K4",
            "ADDI 8 8 1",
            "LOADK 9 K5",
            "UNM 9 9",
            "RETURN 0 11 1",
            "RETURN 0 1 1",
        ],
    );
}

#[test]
fn deep_constant_chains_fold_without_recursion() {
    let source = format!("return {}", vec!["1"; 100_000].join(" + "));
    let (ops, constants) = run_with_small_stack(move || {
        let proto = compile(&source);
        (ops_of(&proto), proto.constants)
    });
    assert_eq!(
        ops,
        ["VARARGPREP 0", "LOADK 0 K0", "RETURN 0 2 1", "RETURN 0 1 1"]
    );
    assert_eq!(constants, vec![Constant::Integer(100_000)]);
}

#[test]
fn concatenations_merge() {
    assert_ops(
        "local a, b\nreturn a .. b, a .. b .. \"c\" .. 1, (a .. b) .. a",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 1",
            "MOVE 2 0",
            "MOVE 3 1",
            "CONCAT 2 2",
            "MOVE 3 0",
            "MOVE 4 1",
            "LOADK 5 K0",
            "LOADI 6 1",
            "CONCAT 3 4",
            "MOVE 4 0",
            "MOVE 5 1",
            "CONCAT 4 2",
            "MOVE 5 0",
            "CONCAT 4 2",
            "RETURN 2 4 1",
            "RETURN 2 1 1",
        ],
    );
}

#[test]
fn comparisons_produce_booleans() {
    assert_ops(
        "local a, b\nreturn a == b, a ~= b, a < b, a <= b, a > b, a >= b",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 1",
            "EQ 0 1 1",
            "JMP to 6",
            "LFALSESKIP 2",
            "LOADTRUE 2",
            "EQ 0 1 0",
            "JMP to 10",
            "LFALSESKIP 3",
            "LOADTRUE 3",
            "LT 0 1 1",
            "JMP to 14",
            "LFALSESKIP 4",
            "LOADTRUE 4",
            "LE 0 1 1",
            "JMP to 18",
            "LFALSESKIP 5",
            "LOADTRUE 5",
            "LT 1 0 1",
            "JMP to 22",
            "LFALSESKIP 6",
            "LOADTRUE 6",
            "LE 1 0 1",
            "JMP to 26",
            "LFALSESKIP 7",
            "LOADTRUE 7",
            "RETURN 2 7 1",
            "RETURN 2 1 1",
        ],
    );
}

#[test]
fn equality_with_immediates_and_constants() {
    let ops = ops(
        "local a\nreturn a == 1, a == 1.0, a == 128, a == 129, a == \"s\", a ~= nil, a == true, 1 == a, \"s\" == a",
    );
    let tests: Vec<&str> = ops
        .iter()
        .map(String::as_str)
        .filter(|op| op.starts_with("EQ"))
        .collect();
    assert_eq!(
        tests,
        [
            "EQI 0 1 1",
            "EQI 0 1.0 1",
            "EQI 0 128 1",
            "EQK 0 K0 1",
            "EQK 0 K1 1",
            "EQK 0 K2 0",
            "EQK 0 K3 1",
            "EQI 0 1 1",
            "EQK 0 K1 1"
        ]
    );
}

#[test]
fn order_comparisons_with_immediates() {
    let ops = ops(
        "local a\nreturn a < 1, a <= 1.5, a > 2, a >= -127, a < -128, 1 < a, 2 <= a, 3 > a, 4 >= a, 1.0 < a",
    );
    let tests: Vec<&str> = ops
        .iter()
        .map(String::as_str)
        .filter(|op| {
            op.starts_with('L') && !op.starts_with("LOAD") && !op.starts_with("LF")
                || op.starts_with('G')
        })
        .collect();
    assert_eq!(
        tests,
        [
            "LTI 0 1 1",
            "LE 0 2 1",
            "GTI 0 2 1",
            "GEI 0 -127 1",
            "LT 0 5 1",
            "GTI 0 1 1",
            "GEI 0 2 1",
            "LTI 0 3 1",
            "LEI 0 4 1",
            "GTI 0 1.0 1"
        ]
    );
}

#[test]
fn logical_operators_use_tests() {
    assert_ops(
        "local a, b, c\nlocal x = a and b\nlocal y = a or b\nlocal z = a and b or c\nlocal w = not a\n\
         local v = not (a == b)\nlocal u = a == b and c",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 2",
            "TESTSET 3 0 0",
            "JMP to 6",
            "MOVE 3 1",
            "TESTSET 4 0 1",
            "JMP to 9",
            "MOVE 4 1",
            "TEST 0 0",
            "JMP to 13",
            "TESTSET 5 1 1",
            "JMP to 14",
            "MOVE 5 2",
            "NOT 6 0",
            "EQ 0 1 0",
            "JMP to 18",
            "LFALSESKIP 7",
            "LOADTRUE 7",
            "EQ 0 1 0",
            "JMP to 23",
            "MOVE 8 2",
            "JMP to 25",
            "LFALSESKIP 8",
            "LOADTRUE 8",
            "RETURN 9 1 1",
        ],
    );
    assert_ops(
        "local a, b\nlocal x = (a == b)\nlocal y = a < 2 or b\nlocal t = {}\nt.x = a and 1\n",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 1",
            "EQ 0 1 1",
            "JMP to 6",
            "LFALSESKIP 2",
            "LOADTRUE 2",
            "LTI 0 2 1",
            "JMP to 12",
            "MOVE 3 1",
            "JMP to 13",
            "LFALSESKIP 3",
            "LOADTRUE 3",
            "NEWTABLE 4 0 0",
            "TESTSET 5 0 0",
            "JMP to 17",
            "LOADI 5 1",
            "SETFIELD 4 K0 5",
            "RETURN 5 1 1",
        ],
    );
}

#[test]
fn conditions_jump_without_values() {
    assert_ops(
        "local a, b, c\nif a then f() end\nif not a then f() end\nif a and b then f() end\n\
         if a or b then f() end\nif a == b then f() end\nif a ~= 1 then f() end",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 2",
            "TEST 0 0",
            "JMP to 7",
            "GETTABUP 3 0 K0",
            "CALL 3 1 1",
            "TEST 0 1",
            "JMP to 11",
            "GETTABUP 3 0 K0",
            "CALL 3 1 1",
            "TEST 0 0",
            "JMP to 17",
            "TEST 1 0",
            "JMP to 17",
            "GETTABUP 3 0 K0",
            "CALL 3 1 1",
            "TEST 0 1",
            "JMP to 21",
            "TEST 1 0",
            "JMP to 23",
            "GETTABUP 3 0 K0",
            "CALL 3 1 1",
            "EQ 0 1 0",
            "JMP to 27",
            "GETTABUP 3 0 K0",
            "CALL 3 1 1",
            "EQI 0 1 1",
            "JMP to 31",
            "GETTABUP 3 0 K0",
            "CALL 3 1 1",
            "RETURN 3 1 1",
        ],
    );
}

#[test]
fn constant_conditions() {
    assert_ops(
        "if nil then f() end\nif true then f() end\nif 1 then f() end\nwhile nil do f() end",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "TEST 0 0",
            "JMP to 7",
            "GETTABUP 0 0 K0",
            "CALL 0 1 1",
            "GETTABUP 0 0 K0",
            "CALL 0 1 1",
            "GETTABUP 0 0 K0",
            "CALL 0 1 1",
            "LOADFALSE 0",
            "TEST 0 0",
            "JMP to 17",
            "GETTABUP 0 0 K0",
            "CALL 0 1 1",
            "JMP to 11",
            "RETURN 0 1 1",
        ],
    );
}
