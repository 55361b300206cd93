//! Metamethods: `__index`, `__newindex`, `__call`, `__concat`, arithmetic,
//! comparison, `__len` and `__unm` events.

use crate::bytecode::{Op, RK};

use super::*;

#[test]
fn index_metamethods_functions_and_tables() {
    // local proto = {x = 1}; local t = setmetatable({}, {__index = proto})
    // local u = setmetatable({}, {__index = function(t, k) return k .. "!" end})
    // return t.x, u.y
    let index_fn = Asm::function(
        vec![
            Op::Move { a: 2, b: 1 },
            Op::LoadK { a: 3, k: 0 },
            Op::Concat { a: 2, n: 2 },
            Op::Return1 { a: 2 },
        ],
        2,
        3,
    )
    .k(vec![s("!")]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::NewTable {
            a: 0,
            array: 0,
            hash: 1,
        },
        Op::SetField {
            a: 0,
            key: 0,
            value: RK::Reg(9),
        },
        Op::GetTabUp { a: 1, b: 0, key: 2 },
        Op::NewTable {
            a: 2,
            array: 0,
            hash: 0,
        },
        Op::NewTable {
            a: 3,
            array: 0,
            hash: 1,
        },
        Op::SetField {
            a: 3,
            key: 1,
            value: RK::Reg(0),
        },
        Op::Call { a: 1, b: 3, c: 2 },
        Op::GetTabUp { a: 2, b: 0, key: 2 },
        Op::NewTable {
            a: 3,
            array: 0,
            hash: 0,
        },
        Op::NewTable {
            a: 4,
            array: 0,
            hash: 1,
        },
        Op::Closure { a: 5, proto: 0 },
        Op::SetField {
            a: 4,
            key: 1,
            value: RK::Reg(5),
        },
        Op::Call { a: 2, b: 3, c: 2 },
        Op::GetField { a: 3, b: 1, key: 0 },
        Op::GetField { a: 4, b: 2, key: 3 },
        Op::Return {
            a: 3,
            b: 3,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("x"), s("__index"), s("setmetatable"), s("y")])
    .protos(vec![index_fn]);
    let mut asm = asm;
    // r9 holds 1 for the first SetField.
    asm.proto.code.insert(1, Op::LoadI { a: 9, value: 1 });
    asm.proto.lines.push(1);
    assert_eq!(run(asm).unwrap(), vec!["1", "y!"]);
}

#[test]
fn call_metamethod_and_concat_metamethod() {
    // local t = setmetatable({}, {__call = function(self, a) return a + 1 end}); return t(41)
    let call_fn = Asm::function(
        vec![Op::AddI { a: 2, b: 1, imm: 1 }, Op::Return1 { a: 2 }],
        2,
        1,
    );
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::NewTable {
            a: 1,
            array: 0,
            hash: 0,
        },
        Op::NewTable {
            a: 2,
            array: 0,
            hash: 1,
        },
        Op::Closure { a: 3, proto: 0 },
        Op::SetField {
            a: 2,
            key: 1,
            value: RK::Reg(3),
        },
        Op::Call { a: 0, b: 3, c: 2 },
        Op::Move { a: 1, b: 0 },
        Op::LoadI { a: 2, value: 41 },
        Op::Call { a: 1, b: 2, c: 2 },
        Op::Return1 { a: 1 },
    ])
    .k(vec![s("setmetatable"), s("__call")])
    .protos(vec![call_fn]);
    assert_eq!(run(asm).unwrap(), vec!["42"]);
}

#[test]
fn source_metamethods() {
    check(
        r#"
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__len = function(a) return a.x end
V.__concat = function(a, b) return "V" .. tostring_x(a) .. tostring_x(b) end
V.__unm = function(a) return setmetatable({x = -a.x}, V) end
V.__call = function(self, y) return self.x + y end
V.__newindex = function(t, k, v) rawset_like(t, k, v * 2) end
function tostring_x(v) if v == "s" then return v end return v.x end
function rawset_like(t, k, v) local mt = getmeta(t) end
function getmeta() end
local a, b = setmetatable({x = 1}, V), setmetatable({x = 2}, V)
print((a + b).x, a == b, a < b, a <= b, b < a, #a, (-a).x, a(10))
print(a .. b, a .. "s")
"#,
        &["3\tfalse\ttrue\ttrue\tfalse\t1\t-1\t11", "V12\tV1s"],
    );
    check(
        "local t = setmetatable({}, {__index = function(t, k) return k * 2 end})\nprint(t[21])",
        &["42"],
    );
}
