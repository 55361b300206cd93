//! Coroutines: resume and yield with values both ways, yields across `pcall`
//! and metamethods, `wrap`, status and yieldability.

use crate::bytecode::Op;

use super::*;

/// A coroutine yields from inside a `pcall` (a native continuation) and is
/// resumed; the values flow both ways.
#[test]
fn coroutines_yield_across_pcall() {
    // body: local x = pcall(yield, 1) ; record("in", x) ; return "done"
    let body = Asm::function(
        vec![
            Op::GetTabUp { a: 0, b: 0, key: 0 },
            Op::GetTabUp { a: 1, b: 0, key: 1 },
            Op::LoadI { a: 2, value: 1 },
            Op::Call { a: 0, b: 3, c: 3 },
            Op::GetTabUp { a: 2, b: 0, key: 2 },
            Op::LoadK { a: 3, k: 3 },
            Op::Move { a: 4, b: 0 },
            Op::Move { a: 5, b: 1 },
            Op::Call { a: 2, b: 4, c: 1 },
            Op::LoadK { a: 2, k: 4 },
            Op::Return1 { a: 2 },
        ],
        0,
        1,
    )
    .k(vec![
        s("pcall"),
        s("yield"),
        s("record"),
        s("in"),
        s("done"),
    ])
    .upvalues(&[("_ENV", false, 0)]);
    // local co = create(body); record(resume(co)); record(resume(co, "v")); record(resume(co))
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::Closure { a: 1, proto: 0 },
        Op::Call { a: 0, b: 2, c: 2 },
        // record(resume(co))
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::GetTabUp { a: 2, b: 0, key: 2 },
        Op::Move { a: 3, b: 0 },
        Op::Call { a: 2, b: 2, c: 0 },
        Op::Call { a: 1, b: 0, c: 1 },
        // record(resume(co, "v"))
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::GetTabUp { a: 2, b: 0, key: 2 },
        Op::Move { a: 3, b: 0 },
        Op::LoadK { a: 4, k: 3 },
        Op::Call { a: 2, b: 3, c: 0 },
        Op::Call { a: 1, b: 0, c: 1 },
        // record(resume(co))
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::GetTabUp { a: 2, b: 0, key: 2 },
        Op::Move { a: 3, b: 0 },
        Op::Call { a: 2, b: 2, c: 0 },
        Op::Call { a: 1, b: 0, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("create"), s("record"), s("resume"), s("v")])
    .protos(vec![body]);
    run(asm).unwrap();
    assert_eq!(
        output(),
        vec![
            "true\t1",
            "in\ttrue\tv",
            "true\tdone",
            "false\tcannot resume dead coroutine"
        ]
    );
}

#[test]
fn yield_outside_a_coroutine_is_an_error() {
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::Call { a: 0, b: 1, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("yield")]);
    assert_eq!(
        run(asm).unwrap_err().message_lossy(),
        "attempt to yield from outside a coroutine"
    );
}

#[test]
fn source_coroutines() {
    check(
        r#"
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
print(gen(), gen(), gen())
print(coroutine.isyieldable())
print(coroutine.resume(coroutine.create(function() return coroutine.isyieldable() end)))
local bad = coroutine.create(function() local x = nil; return x.y end)
print(coroutine.resume(bad))
print(coroutine.status(bad))
-- yield across pcall and across a metamethod
local mt = {__index = function(t, k) return coroutine.yield(k) end}
local co2 = coroutine.create(function()
  local ok, v = pcall(function() return setmetatable({}, mt).field end)
  return ok, v
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2, "resumed"))
print(pcall(coroutine.wrap(function() error("in wrap") end)))
print(coroutine.resume(coroutine.running and co or co))
"#,
        &[
            "start\t1\t2",
            "true\t3",
            "suspended",
            "got\t10",
            "true\t20",
            "true\t7",
            "dead",
            "false\tcannot resume dead coroutine",
            "1\t2\t3",
            "false",
            "true\ttrue",
            "false\tt.lua:19: attempt to index a nil value (local 'x')",
            "dead",
            "true\tfield",
            "true\ttrue\tresumed",
            "false\tt.lua:30: in wrap",
            "false\tcannot resume dead coroutine",
        ],
    );
}
