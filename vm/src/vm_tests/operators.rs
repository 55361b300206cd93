//! Operators and loops on plain values (no metamethods): arithmetic, bitwise,
//! comparison, numeric and generic `for`, and PUC's number formatting.

use crate::bytecode::{Constant, Op};

use super::*;

#[test]
fn arithmetic_and_return() {
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadI { a: 0, value: 40 },
        Op::LoadI { a: 1, value: 2 },
        add(0, 0, 1),
        Op::LoadK { a: 1, k: 0 },
        add(1, 1, 0),
        Op::Return {
            a: 0,
            b: 3,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![Constant::Number(0.5)]);
    assert_eq!(run(asm).unwrap(), vec!["42", "42.5"]);
}

#[test]
fn for_loops_integer_and_float() {
    // local s = 0; for i = 1, 10 do s = s + i end; for x = 0.5, 2, 0.5 do s = s + x end; return s
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadI { a: 0, value: 0 },
        Op::LoadI { a: 1, value: 1 },
        Op::LoadI { a: 2, value: 10 },
        Op::LoadI { a: 3, value: 1 },
        Op::ForPrep { a: 1, target: 7 },
        add(0, 0, 4),
        Op::ForLoop { a: 1, target: 6 },
        Op::LoadK { a: 1, k: 0 },
        Op::LoadI { a: 2, value: 2 },
        Op::LoadK { a: 3, k: 0 },
        Op::ForPrep { a: 1, target: 13 },
        add(0, 0, 4),
        Op::ForLoop { a: 1, target: 12 },
        Op::Return1 { a: 0 },
    ])
    .k(vec![Constant::Number(0.5)]);
    // the second ForLoop's target skips past itself when done: 12 is the body
    let result = run(asm).unwrap();
    assert_eq!(result, vec!["60.0"]);

    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadI { a: 0, value: 1 },
        Op::LoadI { a: 1, value: 10 },
        Op::LoadI { a: 2, value: 0 },
        Op::ForPrep { a: 0, target: 6 },
        Op::ForLoop { a: 0, target: 5 },
        Op::Return0,
    ]);
    assert_eq!(
        run(asm).unwrap_err().message_lossy(),
        "test:1: 'for' step is zero"
    );
}

#[test]
fn source_basics() {
    check(
        "local a, b = 10, 3\nprint(a // b, a % b, a / b, a ^ 2, -a, a & b, a | b, a ~ b, ~a, a << 2, a >> 1)",
        &["3\t1\t3.3333333333333\t100.0\t-10\t2\t11\t9\t-11\t40\t5"],
    );
    check(
        "print(1 == 1.0, 10 + 5, 10 .. 20, 2^53 == 2^53 + 1, 7 // 0.0, -7 % 3)",
        &["true\t15\t1020\ttrue\tinf\t2"],
    );
    check(
        "local t = {1, 2, 3, n = 'x'}\nprint(#t, t.n, t[2])\nlocal s = 0\nlocal function iter(t, i) i = i + 1; if t[i] then return i, t[i] end end\nfor i, v in iter, t, 0 do s = s + v end\nprint(s)",
        &["3\tx\t2", "6"],
    );
}

/// Without the string library's metatable, the core VM refuses strings in
/// arithmetic and bitwise operators (Lua 5.4 coerces them only there).
#[test]
fn core_operators_do_not_coerce_strings() {
    let got = run_source(
        "print(pcall(function() return '10' + 1 end))\n\
         print(pcall(function() local s = '2' return -s end))\n\
         print(pcall(function() return 1 | '3' end))\n\
         print(pcall(function() return 1.5 | '3' end))\n\
         print('1' .. 2, 1 .. '')",
    );
    assert_eq!(
        got,
        [
            "false\tt.lua:1: attempt to perform arithmetic on a string value (constant '10')",
            "false\tt.lua:2: attempt to perform arithmetic on a string value (local 's')",
            "false\tt.lua:3: attempt to perform bitwise operation on a string value (constant '3')",
            "false\tt.lua:4: attempt to perform bitwise operation on a string value (constant '3')",
            "12\t1",
        ]
    );
}

#[test]
fn source_edge_semantics() {
    check(
        r#"
for i = math_maxint or 9223372036854775806, 9223372036854775807 do print(i) end
for i = 1, 3.5 do print(i) end
for i = 3, 1, -1 do print(i) end
for x = 1.0, 2.0, 0.5 do print(x) end
for i = 1, 0 do print("never") end
print(9223372036854775807 + 1, -(-9223372036854775807 - 1), 5 // -2, 5 % -2, 5.5 // 2, 2^-1)
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", 1 < 1.5, -0.0 == 0.0)
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.k = "v"
print(rawequal_like, store.k, proxy.k)
local loop = setmetatable({}, {})
getmetatable_like = nil
local t = {(function() return 1, 2, 3 end)()}
print(#t, select('#', (function() return 1, 2, 3 end)()))
local a, b, c = (function() return 1 end)()
print(a, b, c)
local i = 1
::top:: i = i + 1
if i < 5 then goto top end
print(i)
local s = ""
for k = 1, 3 do local j = k; s = s .. (function() return j end)() end
print(s)
print(1e15, 1e16, 2^63, -2^63, 0.1, 1/3, 100, 100.0, -0.0)
print(#"abc" + 1, 10 * 2, 3 ^ 2, 10 // 3)
"#,
        &[
            "9223372036854775806",
            "9223372036854775807",
            "1",
            "2",
            "3",
            "3",
            "2",
            "1",
            "1.0",
            "1.5",
            "2.0",
            "-9223372036854775808\t-9223372036854775808\t-3\t-1\t2.0\t0.5",
            "true\ttrue\ttrue\ttrue\ttrue\ttrue",
            "nil\tv\tnil",
            "3\t3",
            "1\tnil\tnil",
            "5",
            "123",
            "1e+15\t1e+16\t9.2233720368548e+18\t-9.2233720368548e+18\t0.1\t0.33333333333333\t100\t100.0\t-0.0",
            "4\t20\t9.0\t3",
        ],
    );
    check(
        "local t = setmetatable({}, {})\ngetmetatable_like = nil\nlocal mt = {}\nmt.__index = t\nsetmetatable(t, mt)\nprint(pcall(function() return t.x end))",
        &["false\tt.lua:6: '__index' chain too long; possible loop"],
    );
}
