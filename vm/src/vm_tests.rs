//! End-to-end tests of the runtime on hand-assembled prototypes (the
//! compiler lives in another module; these pin the interpreter's contract
//! with the bytecode).

use std::cell::RefCell;
use std::rc::Rc;

use crate::bytecode::{ArithOp, Constant, LocalVar, Op, Proto, RK, UpvalDesc, VarKind};
use crate::error::LuaError;
use crate::executor::{Action, Call, Continuation, Error, Outcome};
use crate::state::{Context, Lua};
use crate::value::Value;

/// Builds prototypes tersely.
struct Asm {
    proto: Proto,
}

impl Asm {
    fn new(code: Vec<Op>) -> Asm {
        let lines = vec![1; code.len()];
        Asm {
            proto: Proto {
                source: Rc::from(&b"=test"[..]),
                line_defined: 0,
                last_line_defined: 0,
                num_params: 0,
                is_vararg: true,
                max_stack: 10,
                code,
                lines,
                constants: vec![],
                upvalues: vec![UpvalDesc {
                    name: Some(b"_ENV"[..].into()),
                    in_stack: true,
                    index: 0,
                    kind: VarKind::Regular,
                }],
                protos: vec![],
                locals: vec![],
            },
        }
    }

    fn function(code: Vec<Op>, params: u8, line: u32) -> Asm {
        let mut a = Asm::new(code);
        a.proto.num_params = params;
        a.proto.is_vararg = false;
        a.proto.line_defined = line;
        a.proto.last_line_defined = line;
        a.proto.upvalues.clear();
        a
    }

    fn k(mut self, constants: Vec<Constant>) -> Asm {
        self.proto.constants = constants;
        self
    }

    fn upvalues(mut self, ups: &[(&str, bool, u8)]) -> Asm {
        self.proto.upvalues = ups
            .iter()
            .map(|(name, in_stack, index)| UpvalDesc {
                name: Some(name.as_bytes().into()),
                in_stack: *in_stack,
                index: *index,
                kind: VarKind::Regular,
            })
            .collect();
        self
    }

    fn protos(mut self, protos: Vec<Asm>) -> Asm {
        self.proto.protos = protos.into_iter().map(|p| Rc::new(p.proto)).collect();
        self
    }

    fn locals(mut self, locals: &[(&str, u32, u32)]) -> Asm {
        self.proto.locals = locals
            .iter()
            .map(|(name, start_pc, end_pc)| LocalVar {
                name: name.as_bytes().into(),
                start_pc: *start_pc,
                end_pc: *end_pc,
            })
            .collect();
        self
    }
}

fn s(text: &str) -> Constant {
    Constant::String(text.as_bytes().into())
}

thread_local! {
    static OUTPUT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `record(...)`: appends its arguments (tab-separated) to `OUTPUT`.
fn record<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let line: Vec<String> = call
        .args()
        .iter()
        .map(|v| String::from_utf8_lossy(&v.to_display_bytes()).into_owned())
        .collect();
    OUTPUT.with(|o| o.borrow_mut().push(line.join("\t")));
    Ok(Action::Return(0))
}

fn pcall_done<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _k: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => {
            call.insert(0, Value::Boolean(true))?;
            let n = call.len();
            Ok(Action::Return(n))
        }
        Outcome::Err(e) => {
            call.clear();
            call.push(Value::Boolean(false))?;
            call.push(e)?;
            Ok(Action::Return(2))
        }
    }
}

/// A minimal `pcall` through the continuation protocol.
fn pcall<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let nargs = call.len().saturating_sub(1);
    Ok(Action::ProtectedCall {
        nargs,
        handler: None,
        then: Continuation::new(pcall_done, 0),
    })
}

/// A minimal `xpcall(f, handler, ...)`.
fn xpcall<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let handler = call.remove(1);
    let nargs = call.len().saturating_sub(1);
    Ok(Action::ProtectedCall {
        nargs,
        handler: Some(handler),
        then: Continuation::new(pcall_done, 0),
    })
}

fn error<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    Err(Error::Value(call.get(0)))
}

fn co_create<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let thread = crate::thread::Thread::with_function(ctx.mc, call.get(0));
    call.clear();
    call.push(Value::Thread(thread))?;
    Ok(Action::Return(1))
}

fn co_resume<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let Value::Thread(thread) = call.remove(0) else {
        return Err(Error::runtime(
            "bad argument #1 to 'resume' (coroutine expected)",
        ));
    };
    let nargs = call.len();
    Ok(Action::Resume {
        thread,
        nargs,
        then: Continuation::new(pcall_done, 0),
    })
}

fn co_yield<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    Ok(Action::Yield {
        nvalues: call.len(),
        then: None,
    })
}

fn co_close<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let Value::Thread(thread) = call.get(0) else {
        return Err(Error::runtime("bad argument"));
    };
    call.clear();
    Ok(Action::CloseThread {
        thread,
        then: Continuation::new(close_done, 0),
    })
}

fn close_done<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _k: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    call.clear();
    match outcome {
        Outcome::Ok => {
            call.push(Value::Boolean(true))?;
            Ok(Action::Return(1))
        }
        Outcome::Err(e) => {
            call.push(Value::Boolean(false))?;
            call.push(e)?;
            Ok(Action::Return(2))
        }
    }
}

fn setmetatable<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let mt = match call.get(1) {
        Value::Table(t) => Some(t),
        _ => None,
    };
    ctx.set_metatable(call.get(0), mt);
    call.truncate(1);
    Ok(Action::Return(1))
}

fn new_lua() -> Lua {
    OUTPUT.with(|o| o.borrow_mut().clear());
    let lua = Lua::new();
    lua.enter(|ctx| {
        ctx.set_global("record", ctx.native(record));
        ctx.set_global("pcall", ctx.native(pcall));
        ctx.set_global("xpcall", ctx.native(xpcall));
        ctx.set_global("error", ctx.native(error));
        ctx.set_global("create", ctx.native(co_create));
        ctx.set_global("resume", ctx.native(co_resume));
        ctx.set_global("yield", ctx.native(co_yield));
        ctx.set_global("close", ctx.native(co_close));
        ctx.set_global("setmetatable", ctx.native(setmetatable));
    });
    lua
}

/// Runs a main chunk; returns its results as display strings.
fn run_on(lua: &mut Lua, asm: Asm) -> Result<Vec<String>, LuaError> {
    let proto = Rc::new(asm.proto);
    lua.call_with(
        |ctx| {
            (
                Value::from(ctx.load_proto(Rc::clone(&proto), None)),
                Vec::new(),
            )
        },
        |_, values| {
            values
                .iter()
                .map(|v| String::from_utf8_lossy(&v.to_display_bytes()).into_owned())
                .collect()
        },
    )
}

fn run(asm: Asm) -> Result<Vec<String>, LuaError> {
    run_on(&mut new_lua(), asm)
}

fn output() -> Vec<String> {
    OUTPUT.with(|o| o.borrow().clone())
}

fn add(a: u8, b: u8, c: u8) -> Op {
    Op::arith(ArithOp::Add, a, b, c)
}

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
fn calls_a_native_function() {
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::LoadK { a: 1, k: 1 },
        Op::LoadI { a: 2, value: 7 },
        Op::Call { a: 0, b: 3, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("record"), s("hi")]);
    run(asm).unwrap();
    assert_eq!(output(), vec!["hi\t7"]);
}

/// `local function counter() local n = 0; return function() n = n + 1; return n end end`
fn counter_proto() -> Asm {
    let inc = Asm::function(
        vec![
            Op::GetUpval { a: 0, b: 0 },
            Op::AddI { a: 0, b: 0, imm: 1 },
            Op::SetUpval { a: 0, b: 0 },
            Op::GetUpval { a: 0, b: 0 },
            Op::Return1 { a: 0 },
        ],
        0,
        2,
    )
    .upvalues(&[("n", true, 0)]);
    Asm::function(
        vec![
            Op::LoadI { a: 0, value: 0 },
            Op::Closure { a: 1, proto: 0 },
            Op::Return {
                a: 1,
                b: 2,
                close: true,
                nparams1: 0,
            },
        ],
        0,
        1,
    )
    .protos(vec![inc])
}

#[test]
fn closures_share_and_close_upvalues() {
    // local c = counter(); c(); c(); local d = counter(); return c(), d()
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::Move { a: 1, b: 0 },
        Op::Call { a: 1, b: 1, c: 2 }, // r1 = counter()
        Op::Move { a: 2, b: 1 },
        Op::Call { a: 2, b: 1, c: 1 },
        Op::Move { a: 2, b: 1 },
        Op::Call { a: 2, b: 1, c: 1 },
        Op::Move { a: 2, b: 0 },
        Op::Call { a: 2, b: 1, c: 2 }, // r2 = counter()
        Op::Move { a: 3, b: 1 },
        Op::Call { a: 3, b: 1, c: 2 },
        Op::Move { a: 4, b: 2 },
        Op::Call { a: 4, b: 1, c: 2 },
        Op::Return {
            a: 3,
            b: 3,
            close: false,
            nparams1: 1,
        },
    ])
    .protos(vec![counter_proto()]);
    assert_eq!(run(asm).unwrap(), vec!["3", "1"]);
}

/// `local function sum(n, acc) if n == 0 then return acc end return sum(n - 1, acc + n) end`
/// called with a depth far beyond any Rust stack: proper tail calls.
#[test]
fn tail_calls_run_in_constant_space() {
    let sum = Asm::function(
        vec![
            Op::EqI {
                a: 0,
                imm: 0,
                is_float: false,
                k: false,
            },
            Op::Jmp { target: 3 },
            Op::Return1 { a: 1 },
            Op::GetUpval { a: 2, b: 0 },
            Op::AddI {
                a: 3,
                b: 0,
                imm: -1,
            },
            add(4, 1, 0),
            Op::TailCall {
                a: 2,
                b: 3,
                close: false,
                nparams1: 0,
            },
            Op::Return {
                a: 2,
                b: 0,
                close: false,
                nparams1: 0,
            },
        ],
        2,
        1,
    )
    .upvalues(&[("sum", true, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadNil { a: 0, b: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::Move { a: 1, b: 0 },
        Op::LoadK { a: 2, k: 0 },
        Op::LoadI { a: 3, value: 0 },
        Op::Call { a: 1, b: 3, c: 0 },
        Op::Return {
            a: 1,
            b: 0,
            close: true,
            nparams1: 1,
        },
    ])
    .k(vec![Constant::Integer(1_000_000)])
    .protos(vec![sum]);
    assert_eq!(run(asm).unwrap(), vec!["500000500000"]);
}

/// Deep non-tail recursion is a catchable "stack overflow", not a crash.
#[test]
fn deep_recursion_is_a_stack_overflow_error() {
    // local function f() return 1 + f() end; return pcall(f)
    let f = Asm::function(
        vec![
            Op::GetUpval { a: 0, b: 0 },
            Op::Call { a: 0, b: 1, c: 2 },
            Op::AddI { a: 0, b: 0, imm: 1 },
            Op::Return1 { a: 0 },
        ],
        0,
        1,
    )
    .upvalues(&[("f", true, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::LoadNil { a: 0, b: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 0 },
        Op::Move { a: 2, b: 0 },
        Op::Call { a: 1, b: 2, c: 0 },
        Op::Return {
            a: 1,
            b: 0,
            close: true,
            nparams1: 1,
        },
    ])
    .k(vec![s("pcall")])
    .protos(vec![f]);
    assert_eq!(run(asm).unwrap(), vec!["false", "test:1: stack overflow"]);
}

#[test]
fn varargs_and_multiple_results() {
    // local function f(...) return select-like: return ... end; return f(1, 2, 3)
    let f = Asm::function(
        vec![
            Op::VarArgPrep { nparams: 1 },
            Op::VarArg { a: 1, c: 0 },
            Op::Return {
                a: 0,
                b: 0,
                close: false,
                nparams1: 2,
            },
        ],
        1,
        1,
    );
    let mut f = f;
    f.proto.is_vararg = true;
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::Closure { a: 0, proto: 0 },
        Op::LoadI { a: 1, value: 1 },
        Op::LoadI { a: 2, value: 2 },
        Op::LoadI { a: 3, value: 3 },
        Op::Call { a: 0, b: 4, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .protos(vec![f]);
    assert_eq!(run(asm).unwrap(), vec!["1", "2", "3"]);
}

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
    assert!(err.traceback.contains("in main chunk"), "{}", err.traceback);
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
fn pcall_catches_errors_and_error_values_pass_unchanged() {
    // return pcall(error, {})  -> false, table ; pcall(error, "m") -> false, "m"
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::LoadK { a: 2, k: 2 },
        Op::Call { a: 0, b: 3, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("pcall"), s("error"), s("message")]);
    assert_eq!(run(asm).unwrap(), vec!["false", "message"]);
}

#[test]
fn xpcall_handler_runs_at_the_error_point() {
    // return xpcall(error, function(m) return m .. "!" end, "e")
    let handler = Asm::function(
        vec![
            Op::Move { a: 1, b: 0 },
            Op::LoadK { a: 2, k: 0 },
            Op::Concat { a: 1, n: 2 },
            Op::Return1 { a: 1 },
        ],
        1,
        1,
    )
    .k(vec![s("!")]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::Closure { a: 2, proto: 0 },
        Op::LoadK { a: 3, k: 2 },
        Op::Call { a: 0, b: 4, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("xpcall"), s("error"), s("e")])
    .protos(vec![handler]);
    assert_eq!(run(asm).unwrap(), vec!["false", "e!"]);

    // A handler that fails: "error in error handling".
    let handler = Asm::function(
        vec![
            Op::GetTabUp { a: 1, b: 0, key: 0 },
            Op::Move { a: 2, b: 0 },
            Op::Call { a: 1, b: 2, c: 1 },
            Op::Return0,
        ],
        1,
        1,
    )
    .k(vec![s("error")])
    .upvalues(&[("_ENV", false, 0)]);
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::GetTabUp { a: 0, b: 0, key: 0 },
        Op::GetTabUp { a: 1, b: 0, key: 1 },
        Op::Closure { a: 2, proto: 0 },
        Op::LoadK { a: 3, k: 2 },
        Op::Call { a: 0, b: 4, c: 0 },
        Op::Return {
            a: 0,
            b: 0,
            close: false,
            nparams1: 1,
        },
    ])
    .k(vec![s("xpcall"), s("error"), s("e")])
    .protos(vec![handler]);
    assert_eq!(run(asm).unwrap(), vec!["false", "error in error handling"]);
}

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
fn garbage_is_collected_and_finalizers_run() {
    let mut lua = new_lua();
    let before = lua.memory_used();
    // Build a big table and drop it.
    let asm = Asm::new(vec![
        Op::VarArgPrep { nparams: 0 },
        Op::NewTable {
            a: 0,
            array: 0,
            hash: 0,
        },
        Op::LoadI { a: 1, value: 1 },
        Op::LoadK { a: 2, k: 0 },
        Op::LoadI { a: 3, value: 1 },
        Op::ForPrep { a: 1, target: 7 },
        Op::SetTable {
            a: 0,
            b: 4,
            value: RK::Reg(4),
        },
        Op::ForLoop { a: 1, target: 6 },
        Op::Return0,
    ])
    .k(vec![Constant::Integer(100_000)]);
    run_on(&mut lua, asm).unwrap();
    lua.gc_collect();
    let after = lua.memory_used();
    assert!(after < before + 200_000, "before {before}, after {after}");

    // A table with __gc is finalized once unreachable.
    let gc_fn = Asm::function(
        vec![
            Op::GetTabUp { a: 1, b: 0, key: 0 },
            Op::LoadK { a: 2, k: 1 },
            Op::Call { a: 1, b: 2, c: 1 },
            Op::Return0,
        ],
        1,
        1,
    )
    .k(vec![s("record"), s("finalized")])
    .upvalues(&[("_ENV", false, 0)]);
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
        Op::Call { a: 0, b: 3, c: 1 },
        Op::Return0,
    ])
    .k(vec![s("setmetatable"), s("__gc")])
    .protos(vec![gc_fn]);
    run_on(&mut lua, asm).unwrap();
    lua.gc_collect();
    assert_eq!(output(), vec!["finalized"]);
}

#[test]
fn weak_values_are_cleared() {
    let mut lua = new_lua();
    let weak = lua.enter(|ctx| {
        let t = ctx.new_table();
        let mt = ctx.new_table();
        mt.set_str(ctx.mc, ctx.intern(b"__mode"), ctx.str("v"));
        ctx.set_metatable(Value::Table(t), Some(mt));
        t.set_int(ctx.mc, 1, Value::Table(ctx.new_table()));
        t.set_int(ctx.mc, 2, ctx.str("strings stay"));
        ctx.stash(Value::Table(t))
    });
    lua.gc_collect();
    lua.enter(|ctx| {
        let Value::Table(t) = ctx.fetch(&weak) else {
            panic!()
        };
        assert!(t.get_int(ctx.mc, 1).is_nil());
        assert!(!t.get_int(ctx.mc, 2).is_nil());
    });
}

#[test]
fn functions_print_like_puc() {
    let lua = new_lua();
    lua.enter(|ctx| {
        let v = ctx.get_global("record");
        let text = String::from_utf8(v.to_display_bytes()).unwrap();
        assert!(text.starts_with("function: 0x"), "{text}");
        assert!(matches!(v, Value::NativeFunction(_)));
    });
}

// ---------------------------------------------------------------------------
// From source text, compared with the reference interpreter when present.
// ---------------------------------------------------------------------------

/// `error(v [, level])` with PUC's position prefix for string messages.
fn error_with_level<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let v = call.get(0);
    let level = match call.get(1) {
        Value::Integer(l) => l,
        _ => 1,
    };
    if let (Value::String(s), true) = (v, level > 0) {
        let mut text = call.where_(level as usize).into_bytes();
        text.extend_from_slice(s.as_bytes());
        return Err(Error::Value(Value::String(ctx.intern(&text))));
    }
    Err(Error::Value(v))
}

fn co_status<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let Value::Thread(t) = call.get(0) else {
        return Err(Error::runtime(
            "bad argument #1 to 'status' (coroutine expected)",
        ));
    };
    let name = if t.ptr_eq(call.thread()) {
        "running"
    } else {
        t.status().name()
    };
    call.clear();
    call.push(ctx.str(name))?;
    Ok(Action::Return(1))
}

fn co_wrap<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let thread = crate::thread::Thread::with_function(ctx.mc, call.get(0));
    call.clear();
    call.push(ctx.native_with_upvalues(wrapped, [Value::Thread(thread)]))?;
    Ok(Action::Return(1))
}

fn wrapped<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let Value::Thread(thread) = call.upvalue(0) else {
        return Err(Error::runtime("bad upvalue"));
    };
    let nargs = call.len();
    Ok(Action::Resume {
        thread,
        nargs,
        then: Continuation::new(wrapped_done, 0),
    })
}

fn wrapped_done<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    outcome: Outcome<'gc>,
    _k: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    match outcome {
        Outcome::Ok => Ok(Action::Return(call.len())),
        Outcome::Err(Value::String(s)) => {
            let mut text = call.where_(1).into_bytes();
            text.extend_from_slice(s.as_bytes());
            Err(Error::Value(Value::String(ctx.intern(&text))))
        }
        Outcome::Err(e) => Err(Error::Value(e)),
    }
}

fn co_isyieldable<'gc>(
    _ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let y = call.is_yieldable();
    call.clear();
    call.push(Value::Boolean(y))?;
    Ok(Action::Return(1))
}

fn select<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    match call.get(0) {
        Value::String(s) if s.as_bytes() == b"#" => {
            let n = call.len() as i64 - 1;
            call.clear();
            call.push(Value::Integer(n))?;
            Ok(Action::Return(1))
        }
        Value::Integer(i) if i >= 1 => {
            let n = call.len().saturating_sub(i as usize);
            Ok(Action::Return(n))
        }
        _ => Err(Error::runtime(
            "bad argument #1 to 'select' (number expected)",
        )),
    }
}

fn source_lua() -> Lua {
    let lua = new_lua();
    lua.enter(|ctx| {
        ctx.set_global("print", ctx.native(record));
        ctx.set_global("error", ctx.native(error_with_level));
        ctx.set_global("select", ctx.native(select));
        let co = ctx.new_table();
        for (name, f) in [
            ("create", co_create as crate::closure::NativeFn),
            ("resume", co_resume),
            ("yield", co_yield),
            ("status", co_status),
            ("wrap", co_wrap),
            ("close", co_close),
            ("isyieldable", co_isyieldable),
        ] {
            co.set_str(ctx.mc, ctx.intern(name.as_bytes()), ctx.native(f));
        }
        ctx.set_global("coroutine", Value::Table(co));
    });
    lua
}

/// Runs `source` as `t.lua`; returns printed lines plus, on error, the
/// message as a last line.
fn run_source(source: &str) -> Vec<String> {
    let mut lua = source_lua();
    let result = lua.exec(source.as_bytes(), "@t.lua");
    let mut lines = output();
    if let Err(e) = result {
        lines.push(format!("error: {}", e.message_lossy()));
    }
    lines
}

/// The reference interpreter's output for `source`, when it is installed.
fn reference_output(source: &str) -> Option<Vec<String>> {
    let lua = std::path::Path::new("/usr/bin/lua5.4");
    if !lua.exists() {
        return None;
    }
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("saturn-vm-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("t.lua");
    std::fs::write(&file, source).ok()?;
    let out = std::process::Command::new(lua)
        .arg("t.lua")
        .current_dir(&dir)
        .output()
        .ok()?;
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("");
        lines.push(format!("error: {}", first.trim_start_matches("lua5.4: ")));
    }
    Some(lines)
}

/// Checks `source` prints `expected` (and matches the reference).
fn check(source: &str, expected: &[&str]) {
    let got = run_source(source);
    assert_eq!(got, expected, "saturn output for:\n{source}");
    if let Some(reference) = reference_output(source) {
        assert_eq!(reference, expected, "reference output for:\n{source}");
    }
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

#[test]
fn source_closures_varargs_and_calls() {
    check(
        "local function f(...) return select('#', ...), ... end\nprint(f(1, nil, 3))\nprint((f(1, 2)))",
        &["3\t1\tnil\t3", "2"],
    );
    check(
        "local fs = {}\nfor i = 1, 3 do fs[i] = function() return i end end\nprint(fs[1](), fs[2](), fs[3]())",
        &["1\t2\t3"],
    );
    check(
        "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\nprint(fib(20))",
        &["6765"],
    );
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
fn memory_limit_raises_not_enough_memory() {
    let mut lua = source_lua();
    lua.set_memory_limit(Some(8 << 20));
    let err = lua
        .exec(b"local t = {} for i = 1, 1e8 do t[i] = {} end", "=limit")
        .unwrap_err();
    assert_eq!(err.message_lossy(), "not enough memory");
    assert_eq!(err.kind, crate::error::ErrorKind::Memory);
    // The state is still usable once the garbage is gone.
    lua.gc_collect();
    assert!(lua.memory_used() < 8 << 20);
    assert_eq!(
        lua.eval_to_strings(b"return 1 + 1", "=after").unwrap(),
        vec!["2"]
    );
}

#[test]
fn uncaught_errors_carry_a_traceback() {
    let mut lua = source_lua();
    let err = lua
        .exec(
            b"local function lvl2() local x = nil; return x.y end\nlocal function lvl1() return (lvl2()) end\nlvl1()",
            "@tb.lua",
        )
        .unwrap_err();
    assert_eq!(
        err.message_lossy(),
        "tb.lua:1: attempt to index a nil value (local 'x')"
    );
    assert_eq!(
        err.traceback,
        "stack traceback:\n\ttb.lua:1: in upvalue 'lvl2'\n\ttb.lua:2: in local 'lvl1'\n\ttb.lua:3: in main chunk\n\t[C]: in ?"
    );
}

#[test]
fn userdata_finalizers_and_gc_errors_become_warnings() {
    let mut lua = source_lua();
    let warnings = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = Rc::clone(&warnings);
    lua.enter(|ctx| {
        let mut w = ctx.state.warnings.borrow_mut();
        w.on = true;
        w.sink = Some(Box::new(move |m: &[u8]| {
            sink.borrow_mut()
                .push(String::from_utf8_lossy(m).into_owned())
        }));
    });
    lua.enter(|ctx| {
        let ud = crate::userdata::UserData::new(ctx.mc, Box::new(42u32));
        assert_eq!(ud.downcast_ref::<u32>().map(|v| *v), Some(42));
        let mt = ctx.new_table();
        let gc_fn = ctx
            .load(b"print('ud finalized'); error('in gc', 0)", b"=gc", None)
            .unwrap();
        mt.set_str(
            ctx.mc,
            ctx.meta_name(crate::meta::MetaEvent::Gc),
            Value::from(gc_fn),
        );
        ctx.set_metatable(Value::UserData(ud), Some(mt));
    });
    lua.gc_collect();
    assert_eq!(output(), vec!["ud finalized"]);
    assert_eq!(
        *warnings.borrow(),
        vec!["error in __gc (in gc)".to_string()]
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

#[test]
fn ephemeron_tables_keep_values_only_through_live_keys() {
    let mut lua = source_lua();
    let (weak, kept_key) = lua.enter(|ctx| {
        let t = ctx.new_table();
        let mt = ctx.new_table();
        mt.set_str(ctx.mc, ctx.intern(b"__mode"), ctx.str("k"));
        ctx.set_metatable(Value::Table(t), Some(mt));
        // A dead key whose value refers back to the key: must still go.
        let dead = ctx.new_table();
        let cycle = ctx.new_table();
        cycle.set_int(ctx.mc, 1, Value::Table(dead));
        t.set(ctx.mc, Value::Table(dead), Value::Table(cycle))
            .unwrap();
        // A live key: its value stays.
        let live = ctx.new_table();
        t.set(ctx.mc, Value::Table(live), ctx.str("value")).unwrap();
        (ctx.stash(Value::Table(t)), ctx.stash(Value::Table(live)))
    });
    lua.gc_collect();
    lua.enter(|ctx| {
        let Value::Table(t) = ctx.fetch(&weak) else {
            panic!()
        };
        let live = ctx.fetch(&kept_key);
        assert_eq!(t.get(ctx.mc, live).to_display_bytes(), b"value");
        let mut count = 0;
        let mut key = Value::Nil;
        while let Ok(Some((k, _))) = t.next(ctx.mc, key) {
            count += 1;
            key = k;
        }
        assert_eq!(count, 1);
    });
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

#[test]
fn error_objects_are_reported_through_tostring() {
    let mut lua = source_lua();
    let err = lua
        .exec(
            b"error(setmetatable({}, {__tostring = function() return 'custom error' end}))",
            "=e",
        )
        .unwrap_err();
    assert_eq!(err.message_lossy(), "custom error");
    let err = lua.exec(b"error({})", "=e").unwrap_err();
    assert_eq!(err.message_lossy(), "(error object is a table value)");
    let err = lua.exec(b"error()", "=e").unwrap_err();
    assert_eq!(err.message_lossy(), "(error object is a nil value)");
}
