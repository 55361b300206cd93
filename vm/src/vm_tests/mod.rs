//! End-to-end tests of the runtime: hand-assembled prototypes, which pin the
//! interpreter's contract with the bytecode, and source text, compared with
//! the reference interpreter when present. This module holds the helpers.

mod coroutines;
mod error_handling;
mod error_messages;
mod functions;
mod gc;
mod interrupts;
mod metamethods;
mod operators;
mod to_be_closed;

use std::cell::RefCell;
use std::rc::Rc;

use crate::bytecode::{ArithOp, Constant, LocalVar, Op, Proto, UpvalDesc, VarKind};
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

/// `v` as `print` shows it.
fn display(v: &Value<'_>) -> String {
    String::from_utf8_lossy(&v.to_display_bytes()).into_owned()
}

thread_local! {
    static OUTPUT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `record(...)`: appends its arguments (tab-separated) to `OUTPUT`.
fn record<'gc>(_ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let line: Vec<String> = call.args().iter().map(display).collect();
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
        |_, values| values.iter().map(display).collect(),
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

// ---------------------------------------------------------------------------
// From source text, compared with the reference interpreter when present.
// ---------------------------------------------------------------------------

/// `message` prefixed with `chunk:line: ` of the function at `level`.
fn positioned<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    level: usize,
    message: &[u8],
) -> Error<'gc> {
    let mut text = call.where_(level);
    text.extend_from_slice(message);
    Error::Value(Value::String(ctx.intern(&text)))
}

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
        return Err(positioned(ctx, call, level as usize, s.as_bytes()));
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
        Outcome::Err(Value::String(s)) => Err(positioned(ctx, call, 1, s.as_bytes())),
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
