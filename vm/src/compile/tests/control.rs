//! Control structures: jumps of `if`, loops, `break`, `goto` and labels,
//! and the `Close` instructions for captured locals.

use super::helpers::*;
use crate::bytecode::Op;

#[test]
fn if_elseif_else() {
    assert_ops(
        "local a\nif a then a = 1 elseif a == 2 then a = 2 else a = 3 end",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "TEST 0 0",
            "JMP to 7",
            "LOADI 0 1",
            "JMP to 12",
            "EQI 0 2 0",
            "JMP to 11",
            "LOADI 0 2",
            "JMP to 12",
            "LOADI 0 3",
            "RETURN 1 1 1",
        ],
    );
}

#[test]
fn jump_targets_are_absolute() {
    let proto = compile("local a\nif a then a = 1 end");
    assert_eq!(proto.code[3], Op::Jmp { target: 5 });
}

#[test]
fn while_and_repeat() {
    assert_ops(
        "local a\nwhile a do a = a + 1 end",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "TEST 0 0",
            "JMP to 7",
            "ADDI 0 0 1",
            "JMP to 3",
            "RETURN 1 1 1",
        ],
    );
    assert_ops(
        "local a\nrepeat a = a + 1 until a > 10",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "ADDI 0 0 1",
            "GTI 0 10 0",
            "JMP to 3",
            "RETURN 1 1 1",
        ],
    );
}

#[test]
fn numeric_for() {
    assert_ops(
        "for i = 1, 10 do f(i) end",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "LOADI 1 10",
            "LOADI 2 1",
            "FORPREP 0 to 10",
            "GETTABUP 4 0 K0",
            "MOVE 5 3",
            "CALL 4 2 1",
            "FORLOOP 0 to 6",
            "RETURN 0 1 1",
        ],
    );
    let proto = compile("for i = 10, 1, -1 do end");
    assert_eq!(proto.code[4], Op::ForPrep { a: 0, target: 6 });
    assert_eq!(proto.code[5], Op::ForLoop { a: 0, target: 5 });
    let names: Vec<&[u8]> = proto.locals.iter().map(|v| &v.name[..]).collect();
    assert_eq!(
        names,
        [&b"(for state)"[..], b"(for state)", b"(for state)", b"i"]
    );
}

#[test]
fn generic_for_closes_its_fourth_value() {
    assert_ops(
        "for k, v in pairs(t) do f(k, v) end",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "GETTABUP 1 0 K1",
            "CALL 0 2 5",
            "TFORPREP 0 to 10",
            "GETTABUP 6 0 K2",
            "MOVE 7 4",
            "MOVE 8 5",
            "CALL 6 3 1",
            "TFORCALL 0 2",
            "TFORLOOP 0 to 6",
            "CLOSE 0",
            "RETURN 0 1 1 (k)",
        ],
    );
    let proto = compile("for a, b, c, d in f() do end");
    assert_eq!(
        &proto.code[3..6],
        [
            Op::TForPrep { a: 0, target: 4 },
            Op::TForCall { a: 0, c: 4 },
            Op::TForLoop { a: 0, target: 4 }
        ]
    );
    assert_eq!(proto.max_stack, 8);
}

#[test]
fn break_jumps_out_of_loops() {
    let expected = [
        "VARARGPREP 0",
        "GETTABUP 0 0 K0",
        "TEST 0 1",
        "JMP to 8",
        "GETTABUP 0 0 K1",
        "CALL 0 1 1",
        "JMP to 2",
        "RETURN 0 1 1",
    ];
    assert_ops("while true do if x then break end f() end", &expected);
    assert_ops("while true do if x then break else f() end end", &expected);
}

#[test]
fn leaving_blocks_closes_captured_locals() {
    assert_ops(
        "do\n  local x = 1\n  local f = function() return x end\nend",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "CLOSURE 1 0",
            "CLOSE 0",
            "RETURN 0 1 1 (k)",
        ],
    );
    assert_ops(
        "while true do\n  local y = 1\n  local g = function() return y end\n  if x then break end\nend",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "CLOSURE 1 0",
            "GETTABUP 2 0 K0",
            "TEST 2 1",
            "JMP to 9",
            "CLOSE 0",
            "JMP to 2",
            "CLOSE 0",
            "RETURN 0 1 1 (k)",
        ],
    );
}

#[test]
fn repeat_closes_body_upvalues_before_looping() {
    assert_ops(
        "repeat\n  local z = 1\n  local h = function() return z end\nuntil z",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "CLOSURE 1 0",
            "TEST 0 0",
            "JMP to 8",
            "CLOSE 0",
            "JMP to 10",
            "CLOSE 0",
            "JMP to 2",
            "RETURN 0 1 1 (k)",
        ],
    );
}

#[test]
fn gotos_forward_and_backward() {
    assert_ops(
        "goto skip\nf()\n::skip::",
        &[
            "VARARGPREP 0",
            "JMP to 5",
            "GETTABUP 0 0 K0",
            "CALL 0 1 1",
            "RETURN 0 1 1",
        ],
    );
    assert_ops(
        "::top::\nf()\ngoto top",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "CALL 0 1 1",
            "JMP to 2",
            "RETURN 0 1 1",
        ],
    );
    // A backward goto leaving the scope of a local closes it.
    assert_ops(
        "do\n  local x\n  ::top::\n  local y\n  goto top\nend",
        &[
            "VARARGPREP 0",
            "LOADNIL 0 0",
            "LOADNIL 1 0",
            "CLOSE 1",
            "JMP to 3",
            "RETURN 0 1 1",
        ],
    );
}

#[test]
fn continue_label_at_end_of_loop_body() {
    assert_ops(
        "for i = 1, 3 do\n  for j = 1, 3 do\n    if j == 2 then goto continue end\n    f(i, j)\n    ::continue::\n  end\nend",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "LOADI 1 3",
            "LOADI 2 1",
            "FORPREP 0 to 19",
            "LOADI 4 1",
            "LOADI 5 3",
            "LOADI 6 1",
            "FORPREP 4 to 18",
            "EQI 7 2 0",
            "JMP to 13",
            "JMP to 17",
            "GETTABUP 8 0 K0",
            "MOVE 9 3",
            "MOVE 10 7",
            "CALL 8 3 1",
            "FORLOOP 4 to 10",
            "FORLOOP 0 to 6",
            "RETURN 0 1 1",
        ],
    );
    // Jumping over a local to a label at the end of its block is allowed.
    compile("do goto l; local x; ::l:: end");
    compile(
        "while x do local a; local function g() return a end if a then goto next end ::next:: end",
    );
}

#[test]
fn gotos_out_of_blocks_with_captured_locals_close_them() {
    assert_ops(
        "do\n  local x = 1\n  local f = function() return x end\n  goto out\nend\n::out::",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "CLOSURE 1 0",
            "JMP to 6",
            "CLOSE 0",
            "CLOSE 0",
            "RETURN 0 1 1 (k)",
        ],
    );
    assert_ops(
        "while x do\n  local a\n  local function g() return a end\n  if a then goto next end\n  ::next::\nend\n",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "TEST 0 0",
            "JMP to 12",
            "LOADNIL 0 0",
            "CLOSURE 1 0",
            "TEST 0 0",
            "JMP to 10",
            "JMP to 10",
            "CLOSE 0",
            "JMP to 2",
            "RETURN 0 1 1 (k)",
        ],
    );
}

#[test]
fn to_be_closed_variables() {
    assert_ops(
        "local a <close> = f()\nlocal b <const> = g()",
        &[
            "VARARGPREP 0",
            "GETTABUP 0 0 K0",
            "CALL 0 1 2",
            "TBC 0",
            "GETTABUP 1 0 K1",
            "CALL 1 1 2",
            "RETURN 2 1 1 (k)",
        ],
    );
    assert_ops(
        "local x, y <close>, z = 1, 2, 3",
        &[
            "VARARGPREP 0",
            "LOADI 0 1",
            "LOADI 1 2",
            "LOADI 2 3",
            "TBC 1",
            "RETURN 3 1 1 (k)",
        ],
    );
}
