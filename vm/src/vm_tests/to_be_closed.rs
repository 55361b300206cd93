//! To-be-closed variables: `__close` on block exit, errors, returns, generic
//! `for` and `coroutine.close`, and errors raised by `__close` itself.

use crate::bytecode::{LocalVar, Op, Proto, RK};

use super::*;

/// `do local x <close> = obj; record("body") end; record("after")`, where
/// obj's `__close` records its arguments; then the same with an error.
#[test]
fn to_be_closed_variables_close_on_exit_and_error() {
    let close_fn = Asm::function(
        vec![
            Op::GetTabUp { a: 2, b: 0, key: 0 },
            Op::LoadK { a: 3, k: 1 },
            Op::Move { a: 4, b: 1 },
            Op::Call { a: 2, b: 3, c: 1 },
            Op::Return0,
        ],
        2,
        1,
    )
    .k(vec![s("record"), s("closed")])
    .upvalues(&[("_ENV", false, 0)]);
    // r0 = setmetatable({}, {__close = close_fn})
    let make_obj = vec![
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
        Op::Tbc { a: 0 },
    ];
    let mut code = vec![Op::VarArgPrep { nparams: 0 }];
    code.extend(make_obj.clone());
    code.extend([
        Op::GetTabUp { a: 1, b: 0, key: 2 },
        Op::LoadK { a: 2, k: 3 },
        Op::Call { a: 1, b: 2, c: 1 },
        Op::Close { a: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 2 },
        Op::LoadK { a: 2, k: 4 },
        Op::Call { a: 1, b: 2, c: 1 },
        Op::Return0,
    ]);
    let asm = Asm::new(code)
        .k(vec![
            s("setmetatable"),
            s("__close"),
            s("record"),
            s("body"),
            s("after"),
        ])
        .protos(vec![close_fn]);
    let asm = Asm {
        proto: Proto {
            locals: vec![LocalVar {
                name: b"x"[..].into(),
                start_pc: 7,
                end_pc: 11,
            }],
            ..asm.proto
        },
    };
    run(asm).unwrap();
    assert_eq!(output(), vec!["body", "closed\tnil", "after"]);

    // With an error inside the block, caught by pcall around a function.
    let close_fn = Asm::function(
        vec![
            Op::GetTabUp { a: 2, b: 0, key: 0 },
            Op::LoadK { a: 3, k: 1 },
            Op::Move { a: 4, b: 1 },
            Op::Call { a: 2, b: 3, c: 1 },
            Op::Return0,
        ],
        2,
        1,
    )
    .k(vec![s("record"), s("closed")])
    .upvalues(&[("_ENV", false, 0)]);
    let mut inner_code = make_obj;
    inner_code.extend([
        Op::GetTabUp { a: 1, b: 0, key: 2 },
        Op::LoadK { a: 2, k: 3 },
        Op::Call { a: 1, b: 2, c: 1 },
        Op::Return {
            a: 0,
            b: 1,
            close: true,
            nparams1: 0,
        },
    ]);
    let inner = Asm::function(inner_code, 0, 1)
        .k(vec![s("setmetatable"), s("__close"), s("error"), s("oops")])
        .upvalues(&[("_ENV", false, 0)])
        .protos(vec![close_fn]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::Closure { a: 1, proto: 0 },
        Op::Call { a: 0, b: 2, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("pcall")])
    .protos(vec![inner]);
    OUTPUT.with(|o| o.borrow_mut().clear());
    assert_eq!(run(asm).unwrap(), vec!["false", "oops"]);
    assert_eq!(output(), vec!["closed\toops"]);
}

#[test]
fn source_to_be_closed() {
    check(
        r#"
local function closer(name)
  return setmetatable({}, {__close = function(o, e) print("close", name, e) end})
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  print("body")
end
print(pcall(function()
  local c <close> = closer("c")
  error("boom", 0)
end))
local function f()
  local d <close> = closer("d")
  return "ret"
end
print(f())
for i in function(s, i) if i < 2 then return i + 1 end end, nil, 0, closer("for") do
  print("iter", i)
end
local co = coroutine.create(function()
  local e <close> = closer("e")
  coroutine.yield(1)
end)
print(coroutine.resume(co))
print(coroutine.close(co))
print(coroutine.status(co))
print(pcall(function() local x <close> = 42 end))
"#,
        &[
            "body",
            "close\tb\tnil",
            "close\ta\tnil",
            "close\tc\tboom",
            "false\tboom",
            "close\td\tnil",
            "ret",
            "iter\t1",
            "iter\t2",
            "close\tfor\tnil",
            "true\t1",
            "close\te\tnil",
            "true",
            "dead",
            "false\tt.lua:29: variable 'x' got a non-closable value",
        ],
    );
}

#[test]
fn source_errors_in_close_and_nested_coroutines() {
    check(
        r#"
local function closer(name, fail)
  return setmetatable({}, {__close = function(o, e)
    print("close", name, e)
    if fail then error(name .. " failed", 0) end
  end})
end
print(pcall(function()
  local a <close> = closer("a")
  local b <close> = closer("b", true)
  error("original", 0)
end))
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function()
    coroutine.yield("from inner")
    return "inner done"
  end)
  coroutine.yield(inner())
  coroutine.yield(inner())
  return "outer done"
end)
print(outer(), outer(), outer())
print(select('#', coroutine.resume(coroutine.create(function() end))))
"#,
        &[
            "close\tb\toriginal",
            "close\ta\tb failed",
            "false\tb failed",
            "from inner\tinner done\touter done",
            "1",
        ],
    );
}
