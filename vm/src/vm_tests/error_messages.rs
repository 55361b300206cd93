//! Texts of runtime errors: PUC's wording, the variable named in it and the
//! position prefix.

use crate::bytecode::{ArithOp, Op};

use super::*;

#[test]
fn index_errors_name_the_variable() {
    // local t = nil; return t.x   -- and x.y.z with a global x = {}
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadNil { a: 0, b: 0 },
        Op::GetField { a: 1, b: 0, key: 0 },
        Op::Return1 { a: 1 },
    ])
    .k(vec![s("x")])
    .locals(&[("t", 2, 4)]);
    let err = run(asm).unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "test:1: attempt to index a nil value (local 't')"
    );

    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetField { a: 0, b: 0, key: 1 },
        Op::Return1 { a: 0 },
    ])
    .k(vec![s("x"), s("y")]);
    let err = run(asm).unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "test:1: attempt to index a nil value (global 'x')"
    );

    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::Call { a: 0, b: 1, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("nothere")]);
    let err = run(asm).unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "test:1: attempt to call a nil value (global 'nothere')"
    );
    let traceback = err.traceback_lossy();
    assert!(traceback.contains("in main chunk"), "{traceback}");
}

#[test]
fn arithmetic_and_compare_errors() {
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::NewTable {
            a: 0,
            array: 0,
            hash: 0,
        },
        Op::GetField { a: 1, b: 0, key: 0 },
        Op::AddI { a: 1, b: 1, imm: 1 },
        Op::Return1 { a: 1 },
    ])
    .k(vec![s("x")])
    .locals(&[("t", 2, 5)]);
    let err = run(asm).unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "test:1: attempt to perform arithmetic on a nil value (field 'x')"
    );

    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadI { a: 0, value: 1 },
        Op::LoadNil { a: 1, b: 0 },
        Op::Lt {
            a: 0,
            b: 1,
            k: false,
        },
        Op::Jmp { target: 5 },
        Op::Return0,
    ]);
    let err = run(asm).unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "test:1: attempt to compare number with nil"
    );

    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadI { a: 0, value: 1 },
        Op::LoadI { a: 1, value: 0 },
        Op::arith(ArithOp::Mod, 0, 0, 1),
        Op::Return0,
    ]);
    let err = run(asm).unwrap_err();
    assert_eq!(err.message_lossy(), "test:1: attempt to perform 'n%0'");
}

#[test]
fn source_error_messages() {
    check(
        r#"
print(pcall(function() local t = nil; return t.x end))
print(pcall(function() return undefinedglobal.field end))
print(pcall(function() local t = {} return t.a.b end))
print(pcall(function() return 1 < "x" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return #nil end))
print(pcall(function() return -{} end))
print(pcall(function() return ("x")..{} end))
print(pcall(function() return 1 & 1.5 end))
print(pcall(function() return "a" & 1 end))
print(pcall(function() return 1 // 0 end))
print(pcall(function() for i=1,10,0 do end end))
print(pcall(function() for i=nil,10 do end end))
print(pcall(function() local t = {} t.x.y = 1 end))
print(pcall(function() up = nil; local function f() return up.x end return f() end))
print(pcall(error, "msg", 0))
print(pcall(error, "msg"))
print(pcall(function() error("lvl1") end))
print(pcall(function() error("lvl2", 2) end))
print(pcall(function() local a = {} ; a = a + 1 end))
print(select('#', pcall(error)))
"#,
        &[
            "false\tt.lua:2: attempt to index a nil value (local 't')",
            "false\tt.lua:3: attempt to index a nil value (global 'undefinedglobal')",
            "false\tt.lua:4: attempt to index a nil value (field 'a')",
            "false\tt.lua:5: attempt to compare number with string",
            "false\tt.lua:6: attempt to compare two table values",
            "false\tt.lua:7: attempt to get length of a nil value",
            "false\tt.lua:8: attempt to perform arithmetic on a table value",
            "false\tt.lua:9: attempt to concatenate a table value",
            "false\tt.lua:10: number has no integer representation",
            "false\tt.lua:11: attempt to perform bitwise operation on a string value (constant 'a')",
            "false\tt.lua:12: attempt to divide by zero",
            "false\tt.lua:13: 'for' step is zero",
            "false\tt.lua:14: bad 'for' initial value (number expected, got nil)",
            "false\tt.lua:15: attempt to index a nil value (field 'x')",
            "false\tt.lua:16: attempt to index a nil value (global 'up')",
            "false\tmsg",
            "false\tmsg",
            "false\tt.lua:19: lvl1",
            "false\tlvl2",
            "false\tt.lua:21: attempt to perform arithmetic on a table value (local 'a')",
            "2",
        ],
    );
}

#[test]
fn for_loop_and_modulo_error_texts() {
    check(
        r#"
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, nil do end end))
print(pcall(function() for i = {}, 2 do end end))
print(pcall(function() local z = 0; return 1 % z end))
"#,
        &[
            "false\tt.lua:2: bad 'for' limit (number expected, got table)",
            "false\tt.lua:3: bad 'for' step (number expected, got nil)",
            "false\tt.lua:4: bad 'for' initial value (number expected, got table)",
            "false\tt.lua:5: attempt to perform 'n%0'",
        ],
    );
}

#[test]
fn tail_called_natives_keep_their_caller() {
    check(
        "print(pcall(function() return error('x') end))\nprint(pcall(function() local t = {} t[nil] = 1 end))\nprint(pcall(function() local t = {} t[0/0] = 1 end))",
        &[
            "false\tt.lua:1: x",
            "false\tt.lua:2: table index is nil",
            "false\tt.lua:3: table index is NaN",
        ],
    );
}
