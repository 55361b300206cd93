//! The dispatch loop.
//!
//! `run` executes the Lua frame on top of a thread and keeps going through
//! calls, returns, tail calls and metamethods that are Lua functions without
//! leaving the loop: a call pushes a frame and reloads `pc`, `base` and the
//! constants (DESIGN §4). It returns to the executor only when the top frame
//! is not a Lua frame any more (a native continuation is due, or the thread's
//! last frame returned), when a native function asks for something only the
//! executor can do, on an error, or when fuel runs out.
//!
//! A metamethod call made by an instruction puts the metamethod and its
//! arguments above the frame's registers and calls it with [`Ret::Meta`].
//! When it returns, its result is left in the frame's `pending` slot and
//! the frame, when it runs again, completes the interrupted instruction
//! (PUC's `luaV_finishOp`) — so a metamethod may even yield.
//!
//! There are two variants of the loop (`run::<HOOKED>`): the one for a
//! thread with debug hooks also reports hook events ([`crate::hook`]); the
//! other never looks at hooks. The loop's helpers (`index`, `concat`,
//! `get_upvalue`, ...) take the `HOOKED` parameter without using it, so that
//! each variant has its own copy called from one place, which LLVM inlines
//! as it did when there was one loop (measured: with helpers shared by the
//! two variants, `float_loops` ran 1.4% and `hash_strings` 2.1% more
//! instructions).

use gc_arena::Gc;

use crate::arith::{self, ArithError};
use crate::bytecode::{ArithOp, Op, Proto, RK};
use crate::closure::{Function, FunctionProto, LuaClosure, UpValueState, new_closure};
use crate::error::{Operand, function_name, kind_and_name, position, variable_info};
use crate::executor::{Action, Error, invoke_native};
use crate::hook;
use crate::meta::{
    ChainError, IndexStep, MAX_TAG_LOOP, MetaEvent, NewIndexStep, cached_event_in, event_in,
    metamethod, type_name_for_error, walk_index, walk_new_index,
};
use crate::number;
use crate::state::Context;
use crate::string::LuaString;
use crate::table::{InvalidKey, Table};
use crate::thread::{
    Catch, EXTRA_STACK, Frame, LuaFrame, MAX_C_LEVELS, MAX_STACK, NativeFrame, Ret, Thread,
    ThreadState,
};
use crate::value::Value;

/// The most frames a thread may have (Lua frames are also bounded by the
/// stack size; this bounds chains of native calls).
pub const MAX_FRAMES: usize = 200_000;

/// Frames past [`MAX_FRAMES`] that a message handler (and what it calls)
/// may use to handle a stack overflow, as PUC grows a full stack by 200
/// slots (`ERRORSTACKSIZE`) for its handler: a few dozen small frames.
/// Overflowing this margin too is an "error in error handling".
const ERROR_HANDLER_FRAMES: usize = 50;

/// Why [`run`] returned.
pub(crate) enum Exit<'gc> {
    /// Fuel ran out; the top frame's `pc` is saved.
    OutOfFuel,
    /// Fuel ran out at a backward jump: the top frame's `pc` (saved) is a
    /// statement boundary, where only its active local variables are live
    /// (see [`clear_dead_registers`]).
    OutOfFuelInLoop,
    /// The top frame is not a Lua frame (or there is none).
    Frame,
    /// The native frame on top returned this action.
    Action(Action<'gc>),
    /// An error was raised (the top frame's `pc` is saved).
    Error(Value<'gc>),
    /// A message handler returned this value (the new error value).
    HandlerReturned(Value<'gc>),
}

/// Result of starting a call.
pub(crate) enum Called<'gc> {
    /// A Lua frame was pushed.
    Lua,
    /// A native function returned at once; its results are delivered.
    Returned(Returned<'gc>),
    /// A native function asked for an action; its frame is on top.
    Action(Action<'gc>),
}

/// What happened after a frame returned.
pub(crate) enum Returned<'gc> {
    Continue,
    /// A message handler returned this value.
    Handler(Value<'gc>),
}

/// The outcome of an operation that may call a metamethod.
enum Flow<'gc> {
    Value(Value<'gc>),
    /// A Lua metamethod frame was pushed: go run it.
    Pushed,
    Exit(Exit<'gc>),
}

fn top_lua_frame<'a, 'gc>(ts: &'a mut ThreadState<'gc>) -> &'a mut LuaFrame<'gc> {
    match ts.frames.last_mut() {
        Some(Frame::Lua(f)) => f,
        _ => unreachable!("the top frame is a Lua frame"),
    }
}

/// Pushes the frame of a call of `closure` at slot `func` with `nargs`
/// arguments (the stack already reaches `stack_end`); missing parameters,
/// up to `nparams`, become nil.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_lua_frame<'gc>(
    ts: &mut ThreadState<'gc>,
    closure: LuaClosure<'gc>,
    func: usize,
    nargs: usize,
    nparams: usize,
    stack_end: usize,
    nresults: i32,
    ret: Ret,
    c_level: u16,
) {
    let base = func + 1;
    if nargs < nparams {
        ts.stack[base + nargs..base + nparams].fill(Value::Nil);
    }
    ts.frames.push(Frame::Lua(LuaFrame {
        closure,
        func,
        base,
        pc: 0,
        top: base + nargs,
        stack_end,
        nresults,
        ret,
        tail: false,
        pending: None,
        c_level,
    }));
}

fn proto_of<'gc>(closure: LuaClosure<'gc>) -> &'gc Proto {
    &Gc::as_ref(Gc::as_ref(closure).proto).proto
}

/// A runtime error raised by the Lua frame on top: `chunk:line: msg`.
pub(crate) fn runtime_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    msg: impl AsRef<[u8]>,
) -> Value<'gc> {
    let mut text = match ts.frames.last() {
        Some(Frame::Lua(f)) => {
            let proto = proto_of(f.closure);
            let mut p = position(proto, f.pc.saturating_sub(1));
            p.push(b' ');
            p
        }
        _ => Vec::new(),
    };
    text.extend_from_slice(msg.as_ref());
    Value::String(ctx.intern(&text))
}

/// The variable description of `operand` in the top Lua frame.
fn varinfo(ts: &ThreadState<'_>, operand: Operand) -> Vec<u8> {
    match ts.frames.last() {
        Some(Frame::Lua(f)) => variable_info(proto_of(f.closure), f.pc.saturating_sub(1), operand),
        _ => Vec::new(),
    }
}

fn type_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    value: Value<'gc>,
    op: &str,
    operand: Operand,
) -> Value<'gc> {
    let mut msg = format!(
        "attempt to {op} a {} value",
        type_name_for_error(ctx, value)
    )
    .into_bytes();
    msg.extend_from_slice(&varinfo(ts, operand));
    runtime_error(ctx, ts, msg)
}

/// "number has no integer representation", naming `operand`.
fn no_integer_error<'gc>(ctx: Context<'gc>, ts: &ThreadState<'gc>, operand: Operand) -> Value<'gc> {
    let mut msg = b"number".to_vec();
    msg.extend_from_slice(&varinfo(ts, operand));
    msg.extend_from_slice(b" has no integer representation");
    runtime_error(ctx, ts, msg)
}

fn order_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    a: Value<'gc>,
    b: Value<'gc>,
) -> Value<'gc> {
    let t1 = type_name_for_error(ctx, a);
    let t2 = type_name_for_error(ctx, b);
    let msg = if t1 == t2 {
        format!("attempt to compare two {t1} values")
    } else {
        format!("attempt to compare {t1} with {t2}")
    };
    runtime_error(ctx, ts, &msg)
}

/// `chunk:line: ` of the frame `level` levels below frame `frame` (level 0 is
/// `frame` itself), or "" when that frame is not a Lua frame.
pub(crate) fn where_at(ts: &ThreadState<'_>, frame: usize, level: usize) -> Vec<u8> {
    let mut index = frame as isize;
    let mut remaining = level;
    while index >= 0 {
        match &ts.frames[index as usize] {
            Frame::Unwind { .. } => {}
            f => {
                if remaining == 0 {
                    return match f {
                        // `luaL_where` gives nothing without a line number
                        // (a stripped binary chunk).
                        Frame::Lua(f)
                            if proto_of(f.closure)
                                .line_at(f.pc.saturating_sub(1))
                                .is_some() =>
                        {
                            let mut p = position(proto_of(f.closure), f.pc.saturating_sub(1));
                            p.push(b' ');
                            p
                        }
                        _ => Vec::new(),
                    };
                }
                remaining -= 1;
            }
        }
        index -= 1;
    }
    Vec::new()
}

/// Resolves `__call` for the value at `func`, shifting the arguments up to
/// make room for the callable object as first argument.
fn resolve_callable<'gc>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    func: usize,
    nargs: &mut usize,
) -> Result<Function<'gc>, Value<'gc>> {
    let mut callee = ts.stack[func];
    for _ in 0..MAX_TAG_LOOP {
        if let Some(f) = callee.as_function() {
            return Ok(f);
        }
        let handler = metamethod(ctx, callee, MetaEvent::Call);
        if handler.is_nil() {
            return Err(call_error(ctx, ts, func, callee));
        }
        let end = func + 1 + *nargs;
        if ts.ensure_stack(end + 1).is_err() {
            return Err(runtime_error(ctx, ts, "stack overflow"));
        }
        if ts.stack.len() > end + 1 {
            // A Lua frame's registers above the call: shift just the call.
            ts.stack.copy_within(func..end, func + 1);
        } else {
            ts.stack.insert(func, handler);
            ts.stack.truncate(end + 1);
        }
        ts.stack[func] = handler;
        *nargs += 1;
        callee = handler;
    }
    Err(call_error(ctx, ts, func, callee))
}

/// "attempt to call a nil value (global 'f')", named from the calling
/// instruction as PUC's `luaG_callerror`.
fn call_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    func: usize,
    value: Value<'gc>,
) -> Value<'gc> {
    let extra = match ts.frames.last() {
        Some(Frame::Lua(f)) => {
            let proto = proto_of(f.closure);
            let pc = f.pc.saturating_sub(1);
            match function_name(proto, pc) {
                Some((kind, name)) => kind_and_name(kind, &name),
                None => {
                    let reg = func.checked_sub(f.base).filter(|r| *r < 256);
                    match reg {
                        Some(r) => variable_info(proto, pc, Operand::Register(r as u8)),
                        None => Vec::new(),
                    }
                }
            }
        }
        _ => Vec::new(),
    };
    let mut msg = format!(
        "attempt to call a {} value",
        type_name_for_error(ctx, value)
    )
    .into_bytes();
    msg.extend_from_slice(&extra);
    runtime_error(ctx, ts, msg)
}

/// The error of a call past [`MAX_FRAMES`], if it is one: none for a message
/// handler called for the overflow, or a call it makes, while they stay
/// within [`ERROR_HANDLER_FRAMES`]; past that margin, PUC's "error in error
/// handling" (no position); otherwise "stack overflow". (Such a handler sits
/// among the frames past the limit, so only those are searched.)
#[cold]
fn frame_limit_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    ret: Ret,
) -> Option<Value<'gc>> {
    let handler_frame = |f: &Frame<'_>| match f {
        Frame::Lua(f) => f.ret == Ret::Handler,
        Frame::Native(f) => f.ret == Ret::Handler,
        Frame::Unwind { .. } => false,
    };
    let in_handler = ret == Ret::Handler || ts.frames[MAX_FRAMES - 1..].iter().any(handler_frame);
    if !in_handler {
        Some(runtime_error(ctx, ts, "stack overflow"))
    } else if ts.frames.len() >= MAX_FRAMES + ERROR_HANDLER_FRAMES {
        Some(Value::String(ctx.intern(b"error in error handling")))
    } else {
        None
    }
}

/// Starts calling `stack[func]` with the `nargs` values above it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn precall<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    func: usize,
    mut nargs: usize,
    nresults: i32,
    ret: Ret,
    yieldable: bool,
) -> Result<Called<'gc>, Value<'gc>> {
    let function = match ts.stack[func].as_function() {
        Some(function) => function,
        None => resolve_callable(ctx, ts, func, &mut nargs)?,
    };
    match function {
        Function::Lua(closure) => {
            push_lua_call(ctx, ts, closure, func, nargs, nresults, ret)?;
            Ok(Called::Lua)
        }
        Function::Native(native) => {
            if ts.frames.len() >= MAX_FRAMES
                && let Some(error) = frame_limit_error(ctx, ts, ret)
            {
                return Err(error);
            }
            ts.stack.truncate(func + 1 + nargs);
            if ts.hook.is_set() {
                return hook::call_native(
                    ctx, thread, ts, native, func, nargs, nresults, ret, yieldable,
                );
            }
            let c_level = ts.next_c_level();
            ts.frames.push(Frame::Native(NativeFrame {
                native,
                func,
                base: func + 1,
                nresults,
                ret,
                then: None,
                catch: Catch::No,
                call_level: 0,
                error: None,
                tail: false,
                c_level,
            }));
            let frame = ts.frames.len() - 1;
            match invoke_native(ctx, thread, ts, frame, yieldable)? {
                Action::Return(n) => {
                    let n = n.min(ts.stack.len() - (func + 1));
                    let first = ts.stack.len() - n;
                    Ok(Called::Returned(do_return(ctx, ts, first, n)))
                }
                action => Ok(Called::Action(action)),
            }
        }
    }
}

/// Pushes the frame of a call of the Lua function `closure` at slot
/// `func` with the `nargs` values above it (the Lua half of [`precall`];
/// the executor calls it directly for a native's Lua callback).
#[inline(never)]
pub(crate) fn push_lua_call<'gc>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    closure: LuaClosure<'gc>,
    func: usize,
    nargs: usize,
    nresults: i32,
    ret: Ret,
) -> Result<(), Value<'gc>> {
    push_lua_call_inlined(ctx, ts, closure, func, nargs, nresults, ret)
}

/// [`push_lua_call`], always inlined: for the executor's callback loop,
/// where it runs once per sort comparison or gsub callback.
#[inline(always)]
pub(crate) fn push_lua_call_inlined<'gc>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    closure: LuaClosure<'gc>,
    func: usize,
    nargs: usize,
    nresults: i32,
    ret: Ret,
) -> Result<(), Value<'gc>> {
    if ts.frames.len() >= MAX_FRAMES
        && let Some(error) = frame_limit_error(ctx, ts, ret)
    {
        return Err(error);
    }
    let stack_end = func + 1 + Gc::as_ref(closure.proto).max_stack as usize + EXTRA_STACK;
    if ts.ensure_stack(stack_end).is_err() {
        return Err(runtime_error(ctx, ts, "stack overflow"));
    }
    let mut c_level = ts.next_c_level();
    if ret == Ret::Meta {
        // PUC calls a metamethod through the C stack (`luaT_callTMres`
        // → `luaD_call`): runaway metamethod recursion ends in
        // "C stack overflow", not in "stack overflow".
        c_level += 1;
        if c_level >= MAX_C_LEVELS {
            return Err(runtime_error(ctx, ts, "C stack overflow"));
        }
    }
    let nparams = Gc::as_ref(closure.proto).num_params as usize;
    push_lua_frame(
        ts, closure, func, nargs, nparams, stack_end, nresults, ret, c_level,
    );
    if ts.hook.is_set() {
        hook::entered_lua(ts);
    }
    Ok(())
}

/// Pops the top frame, delivering its `n` results found at `first`.
pub(crate) fn do_return<'gc>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    first: usize,
    n: usize,
) -> Returned<'gc> {
    let (func, nresults, ret) = match ts.frames.pop() {
        Some(Frame::Lua(f)) => (f.func, f.nresults, f.ret),
        Some(Frame::Native(f)) => (f.func, f.nresults, f.ret),
        _ => unreachable!("returning from a non-call frame"),
    };
    let _ = ctx;
    match ret {
        Ret::Normal => {
            if n == 1 {
                // One result (most natives): no call to `memmove`.
                ts.stack[func] = ts.stack[first];
            } else if first != func {
                ts.stack.copy_within(first..first + n, func);
            }
            let count = if nresults < 0 { n } else { nresults as usize };
            let end = func + count;
            match ts.frames.last_mut() {
                Some(Frame::Lua(caller)) => {
                    caller.top = end;
                    let need = caller.stack_end;
                    if ts.stack.len() < need.max(end) {
                        ts.stack.resize(need.max(end), Value::Nil);
                    }
                    if count > n {
                        ts.stack[func + n..end].fill(Value::Nil);
                    }
                }
                _ => {
                    ts.stack.resize(end, Value::Nil);
                    if count > n {
                        ts.stack[func + n..end].fill(Value::Nil);
                    }
                }
            }
            Returned::Continue
        }
        Ret::Meta => {
            let v = if n > 0 { ts.stack[first] } else { Value::Nil };
            if let Some(Frame::Lua(caller)) = ts.frames.last_mut() {
                caller.pending = Some(v);
                let need = caller.stack_end;
                if ts.stack.len() < need {
                    ts.stack.resize(need, Value::Nil);
                }
            }
            Returned::Continue
        }
        Ret::UnwindClose => {
            ts.stack.truncate(func);
            Returned::Continue
        }
        Ret::Handler => {
            let v = if n > 0 { ts.stack[first] } else { Value::Nil };
            ts.stack.truncate(func);
            Returned::Handler(v)
        }
        Ret::Hook => {
            // Below the hook function: the slot of PUC's hook table.
            ts.stack.truncate(func - 1);
            hook::hook_returned(ts);
            Returned::Continue
        }
    }
}

/// Calls metamethod `handler` with `args` for the instruction being
/// executed by the top Lua frame, wanting one result.
fn call_meta<'gc>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    handler: Value<'gc>,
    args: &[Value<'gc>],
    yieldable: bool,
) -> Flow<'gc> {
    let frame = top_lua_frame(ts);
    let slot = (frame.stack_end - EXTRA_STACK).max(frame.top);
    let end = slot + 1 + args.len();
    if end > MAX_STACK {
        return Flow::Exit(Exit::Error(runtime_error(ctx, ts, "stack overflow")));
    }
    if ts.stack.len() < end {
        ts.stack.resize(end, Value::Nil);
    }
    ts.stack[slot] = handler;
    ts.stack[slot + 1..end].copy_from_slice(args);
    match precall(ctx, thread, ts, slot, args.len(), 1, Ret::Meta, yieldable) {
        Ok(Called::Lua) => Flow::Pushed,
        Ok(Called::Returned(_)) => match top_lua_frame(ts).pending.take() {
            Some(v) => Flow::Value(v),
            None => Flow::Value(Value::Nil),
        },
        Ok(Called::Action(action)) => Flow::Exit(Exit::Action(action)),
        Err(e) => Flow::Exit(Exit::Error(e)),
    }
}

/// `table[key]` for a short-string `key`, stored in `dst`, following
/// `__index` tables (a class hierarchy) inside the instruction. `false`
/// when a step needs the general [`index`]: a function handler, a
/// non-table, or a chain too long. Writing through `dst` rather than
/// returning an `Option<Value>` keeps the value in registers (measured: the
/// option was spilled and reloaded with overlapping loads that stalled
/// store forwarding, a fifth of `nbody`).
#[inline(always)]
fn index_str_fast<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    table: Table<'gc>,
    key: LuaString<'gc>,
    dst: &mut Value<'gc>,
) -> bool {
    let v = table.get_short_str(ctx.mc, key);
    if !v.is_nil() {
        *dst = v;
        return true;
    }
    index_str_inherited::<HOOKED>(ctx, table, key, dst)
}

/// The `__index` walk of [`index_str_fast`] after a raw miss in `table`.
fn index_str_inherited<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    mut table: Table<'gc>,
    key: LuaString<'gc>,
    dst: &mut Value<'gc>,
) -> bool {
    for _ in 0..MAX_TAG_LOOP {
        let Some(mt) = table.metatable() else {
            *dst = Value::Nil;
            return true;
        };
        match cached_event_in(ctx, mt, MetaEvent::Index) {
            Value::Nil => {
                *dst = Value::Nil;
                return true;
            }
            Value::Table(next) => table = next,
            _ => return false,
        }
        let v = table.get_short_str(ctx.mc, key);
        if !v.is_nil() {
            *dst = v;
            return true;
        }
    }
    false
}

/// `obj[key]` with `__index`, for the top Lua frame. `missed`: the
/// instruction's fast path already found `obj` to be a table without a raw
/// value for `key`, so the first raw lookup is skipped.
#[allow(clippy::too_many_arguments)]
fn index<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    obj: Value<'gc>,
    key: Value<'gc>,
    operand: Operand,
    yieldable: bool,
    missed: bool,
) -> Flow<'gc> {
    match walk_index(ctx, obj, key, missed) {
        Ok(IndexStep::Value(v)) => Flow::Value(v),
        Ok(IndexStep::Call { handler, object }) => {
            call_meta(ctx, thread, ts, handler, &[object, key], yieldable)
        }
        Err(e) => Flow::Exit(Exit::Error(chain_error(ctx, ts, e, operand, "__index"))),
    }
}

/// A raw table store that reports invalid keys as PUC does.
fn raw_set<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    t: Table<'gc>,
    key: Value<'gc>,
    value: Value<'gc>,
) -> Result<(), Value<'gc>> {
    t.set(ctx.mc, key, value).map_err(|e: InvalidKey| {
        let msg = match e {
            InvalidKey::Nil => "table index is nil",
            InvalidKey::NaN => "table index is NaN",
            InvalidKey::NotInTable => e.message(),
        };
        runtime_error(ctx, ts, msg)
    })
}

/// `obj[key] = value` with `__newindex`, for the top Lua frame.
#[allow(clippy::too_many_arguments)]
fn new_index<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    obj: Value<'gc>,
    key: Value<'gc>,
    value: Value<'gc>,
    operand: Operand,
    yieldable: bool,
) -> Flow<'gc> {
    match walk_new_index(ctx, obj, key) {
        Ok(NewIndexStep::Raw(t)) => match raw_set(ctx, ts, t, key, value) {
            Ok(()) => Flow::Value(Value::Nil),
            Err(e) => Flow::Exit(Exit::Error(e)),
        },
        Ok(NewIndexStep::Call { handler, object }) => {
            call_meta(ctx, thread, ts, handler, &[object, key, value], yieldable)
        }
        Err(e) => Flow::Exit(Exit::Error(chain_error(ctx, ts, e, operand, "__newindex"))),
    }
}

/// The error of a failed `event` (`__index`/`__newindex`) walk, worded as PUC.
fn chain_error<'gc>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    error: ChainError<'gc>,
    operand: Operand,
    event: &str,
) -> Value<'gc> {
    match error {
        ChainError::NotIndexable { object, first } => {
            let operand = if first { operand } else { Operand::Unnamed };
            type_error(ctx, ts, object, "index", operand)
        }
        ChainError::TooLong => {
            runtime_error(ctx, ts, format!("'{event}' chain too long; possible loop"))
        }
    }
}

/// Arithmetic after the fast path failed: string coercion, then
/// metamethods, then PUC's error messages.
#[allow(clippy::too_many_arguments)]
fn arith_slow<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    op: ArithOp,
    a: Value<'gc>,
    b: Value<'gc>,
    operands: (Operand, Operand),
    yieldable: bool,
) -> Flow<'gc> {
    // Lua 5.4 does not coerce strings here: a string operand falls through
    // to its metamethod (the string library's, see lstrlib.c `trymt`).
    match arith::arith_numbers(op, a, b) {
        Some(Ok(v)) => return Flow::Value(v),
        Some(Err(ArithError::Number(e))) => {
            return Flow::Exit(Exit::Error(runtime_error(ctx, ts, e.message())));
        }
        Some(Err(ArithError::NoInteger)) => {}
        None => {}
    }
    let event = MetaEvent::of_arith(op);
    let mut handler = metamethod(ctx, a, event);
    if handler.is_nil() {
        handler = metamethod(ctx, b, event);
    }
    if !handler.is_nil() {
        return call_meta(ctx, thread, ts, handler, &[a, b], yieldable);
    }
    let error = if op.is_bitwise() {
        if a.is_number() && b.is_number() {
            let culprit = if arith::number_to_integer(a).is_none() {
                operands.0
            } else {
                operands.1
            };
            no_integer_error(ctx, ts, culprit)
        } else {
            operand_error(ctx, ts, a, b, operands, "perform bitwise operation on")
        }
    } else {
        operand_error(ctx, ts, a, b, operands, "perform arithmetic on")
    };
    Flow::Exit(Exit::Error(error))
}

/// PUC's `luaG_opinterror`: blame the first operand that is not a number
/// (a numeric string is not one: the VM does not convert strings).
fn operand_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    a: Value<'gc>,
    b: Value<'gc>,
    operands: (Operand, Operand),
    what: &str,
) -> Value<'gc> {
    if !a.is_number() {
        type_error(ctx, ts, a, what, operands.0)
    } else {
        type_error(ctx, ts, b, what, operands.1)
    }
}

/// `-a` / `~a` after the fast path failed.
fn unary_slow<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    bitwise: bool,
    a: Value<'gc>,
    operand: Operand,
    yieldable: bool,
) -> Flow<'gc> {
    let event = if bitwise {
        MetaEvent::BNot
    } else {
        MetaEvent::Unm
    };
    // Strings are not coerced: they reach the string metatable's `__unm`.
    if bitwise && let Some(i) = arith::number_to_integer(a) {
        return Flow::Value(Value::Integer(!i));
    }
    let handler = metamethod(ctx, a, event);
    if !handler.is_nil() {
        return call_meta(ctx, thread, ts, handler, &[a, a], yieldable);
    }
    let error = if bitwise {
        if a.is_number() {
            no_integer_error(ctx, ts, operand)
        } else {
            type_error(ctx, ts, a, "perform bitwise operation on", operand)
        }
    } else {
        type_error(ctx, ts, a, "perform arithmetic on", operand)
    };
    Flow::Exit(Exit::Error(error))
}

/// `#a`.
fn length<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    a: Value<'gc>,
    operand: Operand,
    yieldable: bool,
) -> Flow<'gc> {
    match a {
        Value::String(s) => Flow::Value(Value::Integer(s.len() as i64)),
        Value::Table(t) => {
            let handler = match t.metatable() {
                Some(mt) => event_in(ctx, mt, MetaEvent::Len),
                None => Value::Nil,
            };
            if handler.is_nil() {
                Flow::Value(Value::Integer(t.length(ctx.mc)))
            } else {
                call_meta(ctx, thread, ts, handler, &[a, a], yieldable)
            }
        }
        _ => {
            let handler = metamethod(ctx, a, MetaEvent::Len);
            if handler.is_nil() {
                Flow::Exit(Exit::Error(type_error(
                    ctx,
                    ts,
                    a,
                    "get length of",
                    operand,
                )))
            } else {
                call_meta(ctx, thread, ts, handler, &[a, a], yieldable)
            }
        }
    }
}

/// `a == b` with `__eq`.
fn equals<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    a: Value<'gc>,
    b: Value<'gc>,
    yieldable: bool,
) -> Flow<'gc> {
    let comparable = matches!(
        (a, b),
        (Value::Table(_), Value::Table(_)) | (Value::UserData(_), Value::UserData(_))
    );
    if !comparable || a.raw_eq(b) {
        return Flow::Value(Value::Boolean(a.raw_eq(b)));
    }
    let mut handler = metamethod(ctx, a, MetaEvent::Eq);
    if handler.is_nil() {
        handler = metamethod(ctx, b, MetaEvent::Eq);
    }
    if handler.is_nil() {
        return Flow::Value(Value::Boolean(false));
    }
    call_meta(ctx, thread, ts, handler, &[a, b], yieldable)
}

/// `a < b` (`le`: `a <= b`) after the numeric fast path failed.
fn order<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    a: Value<'gc>,
    b: Value<'gc>,
    le: bool,
    yieldable: bool,
) -> Flow<'gc> {
    if let (Value::String(x), Value::String(y)) = (a, b) {
        let r = if le {
            x.as_bytes() <= y.as_bytes()
        } else {
            x.as_bytes() < y.as_bytes()
        };
        return Flow::Value(Value::Boolean(r));
    }
    let event = if le { MetaEvent::Le } else { MetaEvent::Lt };
    let mut handler = metamethod(ctx, a, event);
    if handler.is_nil() {
        handler = metamethod(ctx, b, event);
    }
    if handler.is_nil() {
        return Flow::Exit(Exit::Error(order_error(ctx, ts, a, b)));
    }
    call_meta(ctx, thread, ts, handler, &[a, b], yieldable)
}

/// Whether `t[k] = v` is a raw store whatever the key: `t` has no
/// metatable, or its metatable has no `__newindex` (one bit test once the
/// absence is cached), so the store instructions skip [`new_index`].
#[inline(always)]
fn raw_store_ok<'gc>(ctx: Context<'gc>, t: Table<'gc>) -> bool {
    match t.metatable() {
        None => true,
        Some(mt) => cached_event_in(ctx, mt, MetaEvent::NewIndex).is_nil(),
    }
}

/// `t[key]` without metamethods, branching to the integer and string
/// paths inline (the general [`Table::get`] normalises float keys).
#[inline(always)]
fn raw_get<'gc>(ctx: Context<'gc>, t: Table<'gc>, key: &Value<'gc>) -> Value<'gc> {
    match *key {
        Value::Integer(i) => t.get_int(ctx.mc, i),
        Value::String(s) => t.get_short_str(ctx.mc, s),
        _ => t.get(ctx.mc, *key),
    }
}

/// Arithmetic on two numbers, read through references: matching on the
/// registers in place loads the tag and the payload separately, which
/// forwards from the two 8-byte stores that wrote them (a 16-byte copy of a
/// `Value` just written stalls the load). `None`: not two numbers, or an
/// integer division by zero (the slow path reports it).
#[inline(always)]
fn arith_fast<'gc>(op: ArithOp, x: &Value<'gc>, y: &Value<'gc>) -> Option<Value<'gc>> {
    let (i, j) = match (x, y) {
        (Value::Integer(i), Value::Integer(j)) => (*i, *j),
        (Value::Number(f), Value::Number(g)) => return float_op(op, *f, *g),
        (Value::Integer(i), Value::Number(g)) if !op.is_bitwise() => {
            return float_op(op, *i as f64, *g);
        }
        (Value::Number(f), Value::Integer(j)) if !op.is_bitwise() => {
            return float_op(op, *f, *j as f64);
        }
        _ => return None,
    };
    Some(match op {
        ArithOp::Add => Value::Integer(i.wrapping_add(j)),
        ArithOp::Sub => Value::Integer(i.wrapping_sub(j)),
        ArithOp::Mul => Value::Integer(i.wrapping_mul(j)),
        ArithOp::IDiv => Value::Integer(number::int_idiv(i, j).ok()?),
        ArithOp::Mod => Value::Integer(number::int_mod(i, j).ok()?),
        ArithOp::Div => Value::Number(i as f64 / j as f64),
        ArithOp::Pow => Value::Number(number::pow(i as f64, j as f64)),
        ArithOp::BAnd => Value::Integer(i & j),
        ArithOp::BOr => Value::Integer(i | j),
        ArithOp::BXor => Value::Integer(i ^ j),
        ArithOp::Shl => Value::Integer(number::shift_left(i, j)),
        ArithOp::Shr => Value::Integer(number::shift_right(i, j)),
    })
}

/// The float case of [`arith_fast`] (`None` for bitwise operators, which
/// need the integer conversion of the slow path).
#[inline(always)]
fn float_op<'gc>(op: ArithOp, x: f64, y: f64) -> Option<Value<'gc>> {
    Some(Value::Number(match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => x * y,
        ArithOp::Div => x / y,
        ArithOp::Mod => number::float_mod(x, y),
        ArithOp::IDiv => number::float_idiv(x, y),
        ArithOp::Pow => number::pow(x, y),
        _ => return None,
    }))
}

fn is_str_or_num(v: Value<'_>) -> bool {
    matches!(v, Value::String(_) | Value::Integer(_) | Value::Number(_))
}

/// Concatenates `stack[first .. first + total]` into `stack[first]`, from
/// the right, as PUC's `luaV_concat`.
fn concat<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    first: usize,
    mut total: usize,
    yieldable: bool,
) -> Flow<'gc> {
    while total > 1 {
        let top = first + total;
        let (a, b) = (ts.stack[top - 2], ts.stack[top - 1]);
        if is_str_or_num(a) && is_str_or_num(b) {
            let mut n = 2;
            while n < total && is_str_or_num(ts.stack[top - n - 1]) {
                n += 1;
            }
            let mut len = 0usize;
            for v in &ts.stack[top - n..top] {
                len = len.saturating_add(match v {
                    Value::String(s) => s.len(),
                    _ => 24,
                });
            }
            if len > isize::MAX as usize {
                return Flow::Exit(Exit::Error(runtime_error(
                    ctx,
                    ts,
                    "string length overflow",
                )));
            }
            // Honours the memory limit now, not at the next safe point.
            let mut buf = match ctx.string_buffer(len) {
                Ok(buf) => buf,
                Err(error) => {
                    let value = match error {
                        Error::Value(v) => v,
                        Error::Runtime(msg) => runtime_error(ctx, ts, msg),
                    };
                    return Flow::Exit(Exit::Error(value));
                }
            };
            for v in &ts.stack[top - n..top] {
                v.push_str_form(&mut buf);
            }
            ts.stack[top - n] = Value::String(ctx.intern(&buf));
            total -= n - 1;
        } else {
            let mut handler = metamethod(ctx, a, MetaEvent::Concat);
            if handler.is_nil() {
                handler = metamethod(ctx, b, MetaEvent::Concat);
            }
            if handler.is_nil() {
                let (culprit, slot) = if is_str_or_num(a) {
                    (b, top - 1)
                } else {
                    (a, top - 2)
                };
                let frame = top_lua_frame(ts);
                let operand = match slot.checked_sub(frame.base) {
                    Some(r) if r < 256 => Operand::Register(r as u8),
                    _ => Operand::Unnamed,
                };
                return Flow::Exit(Exit::Error(type_error(
                    ctx,
                    ts,
                    culprit,
                    "concatenate",
                    operand,
                )));
            }
            top_lua_frame(ts).top = top;
            match call_meta(ctx, thread, ts, handler, &[a, b], yieldable) {
                Flow::Value(v) => {
                    ts.stack[top - 2] = v;
                    total -= 1;
                }
                other => return other,
            }
        }
    }
    Flow::Value(ts.stack[first])
}

/// Reads upvalue `index` of `closure`.
#[inline]
fn get_upvalue<'gc, const HOOKED: bool>(
    closure: LuaClosure<'gc>,
    index: u8,
    thread: Thread<'gc>,
    ts: &ThreadState<'gc>,
) -> Value<'gc> {
    match closure.upvalue(index as usize).get() {
        UpValueState::Closed(v) => v,
        UpValueState::Open {
            thread: owner,
            index,
        } => {
            if owner.ptr_eq(thread) {
                ts.stack[index]
            } else {
                owner
                    .0
                    .borrow()
                    .stack
                    .get(index)
                    .copied()
                    .unwrap_or_default()
            }
        }
    }
}

/// Writes upvalue `index` of `closure`.
#[inline]
fn set_upvalue<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    closure: LuaClosure<'gc>,
    index: u8,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    value: Value<'gc>,
) {
    let uv = closure.upvalue(index as usize);
    match uv.get() {
        UpValueState::Closed(_) => uv.set(ctx.mc, UpValueState::Closed(value)),
        UpValueState::Open {
            thread: owner,
            index,
        } => {
            if owner.ptr_eq(thread) {
                ts.stack[index] = value;
            } else if let Some(slot) = owner.0.borrow_mut(ctx.mc).stack.get_mut(index) {
                *slot = value;
            }
        }
    }
}

/// Integer `for` preparation (PUC's `forprep`); `Ok(true)` skips the loop.
fn for_prep<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    ra: usize,
) -> Result<bool, Value<'gc>> {
    let (init, limit, step) = (ts.stack[ra], ts.stack[ra + 1], ts.stack[ra + 2]);
    if let (Value::Integer(init), Value::Integer(step)) = (init, step) {
        if step == 0 {
            return Err(runtime_error(ctx, ts, "'for' step is zero"));
        }
        let limit = match limit {
            Value::Integer(l) => l,
            _ => {
                let Some(flimit) = arith::to_number(limit) else {
                    return Err(for_error(ctx, ts, limit, "limit"));
                };
                let converted = match flimit {
                    number::Number::Int(i) => Some(i),
                    number::Number::Float(f) => {
                        if step < 0 {
                            number::float_ceil_to_int(f)
                        } else {
                            number::float_floor_to_int(f)
                        }
                    }
                };
                match converted {
                    Some(l) => l,
                    None => {
                        let f = flimit.to_f64();
                        if f > 0.0 {
                            if step < 0 {
                                return Ok(true);
                            }
                            i64::MAX
                        } else {
                            if step > 0 {
                                return Ok(true);
                            }
                            i64::MIN
                        }
                    }
                }
            }
        };
        if if step > 0 { init > limit } else { init < limit } {
            return Ok(true);
        }
        let count = if step > 0 {
            (limit as u64).wrapping_sub(init as u64) / step as u64
        } else {
            (init as u64).wrapping_sub(limit as u64) / ((-(step + 1)) as u64 + 1)
        };
        // The unsigned count, kept as its bit pattern (see `ForLoop`).
        ts.stack[ra + 1] = Value::Integer(count as i64);
        ts.stack[ra + 3] = Value::Integer(init);
        Ok(false)
    } else {
        let Some(flimit) = arith::to_number(limit) else {
            return Err(for_error(ctx, ts, limit, "limit"));
        };
        let Some(fstep) = arith::to_number(step) else {
            return Err(for_error(ctx, ts, step, "step"));
        };
        let Some(finit) = arith::to_number(init) else {
            return Err(for_error(ctx, ts, init, "initial value"));
        };
        let (finit, flimit, fstep) = (finit.to_f64(), flimit.to_f64(), fstep.to_f64());
        if fstep == 0.0 {
            return Err(runtime_error(ctx, ts, "'for' step is zero"));
        }
        if if fstep > 0.0 {
            flimit < finit
        } else {
            finit < flimit
        } {
            return Ok(true);
        }
        ts.stack[ra] = Value::Number(finit);
        ts.stack[ra + 1] = Value::Number(flimit);
        ts.stack[ra + 2] = Value::Number(fstep);
        ts.stack[ra + 3] = Value::Number(finit);
        Ok(false)
    }
}

fn for_error<'gc>(
    ctx: Context<'gc>,
    ts: &ThreadState<'gc>,
    value: Value<'gc>,
    what: &str,
) -> Value<'gc> {
    let msg = format!(
        "bad 'for' {what} (number expected, got {})",
        type_name_for_error(ctx, value)
    );
    runtime_error(ctx, ts, &msg)
}

/// Marks `stack[slot]` as to-be-closed (nil and false are ignored).
fn mark_tbc<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    ts: &mut ThreadState<'gc>,
    slot: usize,
    reg: u8,
) -> Result<(), Value<'gc>> {
    let value = ts.stack[slot];
    if value.is_falsy() {
        return Ok(());
    }
    if metamethod(ctx, value, MetaEvent::Close).is_nil() {
        let name = match ts.frames.last() {
            Some(Frame::Lua(f)) => proto_of(f.closure)
                .local_name(reg as usize + 1, f.pc.saturating_sub(1))
                .map(|n| String::from_utf8_lossy(n).into_owned())
                // No debug information (a stripped binary chunk).
                .unwrap_or_else(|| "(temporary)".into()),
            _ => "?".into(),
        };
        let msg = format!("variable '{name}' got a non-closable value");
        return Err(runtime_error(ctx, ts, &msg));
    }
    // Compiled code marks each variable once, above those still open; a
    // forged binary chunk looping over `Tbc` must not grow the list.
    if ts.tbc.last().is_none_or(|&last| last < slot) {
        ts.tbc.push(slot);
    }
    Ok(())
}

/// Closes upvalues and calls the next pending `__close` at or above
/// `level` for the top Lua frame. `None` when nothing is left to close.
fn close_next<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    level: usize,
    yieldable: bool,
) -> Option<Flow<'gc>> {
    ts.close_upvalues(ctx.mc, level);
    let slot = ts.pop_tbc(level)?;
    let value = ts.stack[slot];
    let handler = metamethod(ctx, value, MetaEvent::Close);
    Some(call_meta(
        ctx,
        thread,
        ts,
        handler,
        &[value, Value::Nil],
        yieldable,
    ))
}

/// Forgets the values of the top Lua frame's registers above its active
/// local variables, for a frame stopped at a backward jump (a statement
/// boundary: no temporary is live there). PUC's collector does not see
/// them either: it marks a running frame only up to the live top of the
/// instruction that triggers it (`checkGC`), so a temporary left behind
/// (say, an argument of a finished call) does not keep an object alive.
/// Nothing is cleared for a function without local-variable information
/// (stripped, or assembled by hand).
pub(crate) fn clear_dead_registers(ts: &mut ThreadState<'_>) {
    let Some(Frame::Lua(f)) = ts.frames.last() else {
        return;
    };
    let proto = proto_of(f.closure);
    if proto.lines.is_empty() || proto.locals.is_empty() {
        return;
    }
    let pc = f.pc as u32;
    let active = proto
        .locals
        .iter()
        .take_while(|var| var.start_pc <= pc)
        .filter(|var| pc < var.end_pc)
        .count();
    let live_end = (f.base + active).min(ts.stack.len());
    ts.stack[live_end..].fill(Value::Nil);
}

/// Runs the Lua frame on top of `ts` (see the module docs). The `HOOKED`
/// variant, run for a thread with debug hooks set, also reports hook
/// events ([`crate::hook`]); the other one never looks at hooks.
pub(crate) fn run<'gc, const HOOKED: bool>(
    ctx: Context<'gc>,
    thread: Thread<'gc>,
    ts: &mut ThreadState<'gc>,
    fuel: &mut i64,
    yieldable: bool,
) -> Exit<'gc> {
    let mc = ctx.mc;
    'frame: loop {
        if *fuel <= 0 {
            return Exit::OutOfFuel;
        }
        let (top_closure, top_base, top_pc, pending) = match ts.frames.last_mut() {
            Some(Frame::Lua(f)) => (f.closure, f.base, f.pc, f.pending.take()),
            _ => return Exit::Frame,
        };
        let mut closure: LuaClosure<'gc>;
        let mut base: usize;
        let mut pc: usize;
        let mut code: &'gc [Op];
        let mut k: &'gc [Value<'gc>];

        /// Makes a Lua frame the one the loop runs: here for the frame on
        /// top, and from a Lua call or return on the fast path, which
        /// switches frames without going through the top of `'frame` (the
        /// frame is known, nothing is pending, fuel was checked).
        macro_rules! enter {
            ($closure:expr, $base:expr, $pc:expr) => {{
                closure = $closure;
                base = $base;
                pc = $pc;
                let fproto: &'gc FunctionProto<'gc> = Gc::as_ref(Gc::as_ref(closure).proto);
                code = &fproto.proto.code;
                k = &fproto.constants;
            }};
        }
        enter!(top_closure, top_base, top_pc);

        macro_rules! r {
            ($x:expr) => {
                ts.stack[base + $x as usize]
            };
        }
        macro_rules! save_pc {
            () => {
                top_lua_frame(ts).pc = pc
            };
        }
        macro_rules! throw {
            ($msg:expr) => {{
                save_pc!();
                return Exit::Error(runtime_error(ctx, ts, $msg));
            }};
        }
        macro_rules! flow {
            ($e:expr) => {
                match $e {
                    Flow::Value(v) => v,
                    Flow::Pushed => continue 'frame,
                    Flow::Exit(x) => return x,
                }
            };
        }
        /// The general `__index` path of a read whose fast path could not
        /// finish (`missed`: the raw lookup in `t` was already made).
        macro_rules! slow_index {
            ($a:expr, $t:expr, $key:expr, $operand:expr, $missed:expr) => {{
                save_pc!();
                r!($a) = flow!(index::<HOOKED>(
                    ctx, thread, ts, $t, $key, $operand, yieldable, $missed
                ));
            }};
        }
        /// The general `__newindex` path of a store whose fast path could
        /// not finish.
        macro_rules! slow_store {
            ($t:expr, $key:expr, $v:expr, $operand:expr) => {{
                save_pc!();
                flow!(new_index::<HOOKED>(
                    ctx, thread, ts, $t, $key, $v, $operand, yieldable
                ));
            }};
        }
        /// `R[a] = R[b] op y` for one operator: the number fast path
        /// inline (the operator is a constant, so each instruction gets
        /// its own specialised code), coercions and metamethods outside.
        macro_rules! arith {
            ($op:expr, $a:expr, $b:expr, $y:expr, $second:expr) => {{
                if let Some(v) = arith_fast($op, &r!($b), &$y) {
                    r!($a) = v;
                    continue;
                }
                let (x, y) = (r!($b), $y);
                if let Some(Ok(v)) = arith::arith_numbers($op, x, y) {
                    r!($a) = v;
                    continue;
                }
                arith_slow!($a, $op, x, y, (Operand::Register($b), $second));
            }};
        }
        /// `R[a] = x op y` through coercions and metamethods, after a fast
        /// path failed.
        macro_rules! arith_slow {
            ($a:expr, $op:expr, $x:expr, $y:expr, $operands:expr) => {{
                save_pc!();
                let (x, y, operands) = ($x, $y, $operands);
                r!($a) = flow!(arith_slow::<HOOKED>(
                    ctx, thread, ts, $op, x, y, operands, yieldable
                ));
            }};
        }
        /// A hook was called (HOOKED only): go run it, or leave the loop.
        macro_rules! hooked {
            ($called:expr) => {
                match $called {
                    Ok(Called::Lua) | Ok(Called::Returned(_)) => continue 'frame,
                    Ok(Called::Action(action)) => return Exit::Action(action),
                    Err(e) => return Exit::Error(e),
                }
            };
        }
        macro_rules! rk {
            ($x:expr) => {
                match $x {
                    RK::Reg(r) => r!(r),
                    RK::Const(c) => k[c as usize],
                }
            };
        }
        macro_rules! jump_back {
            ($target:expr) => {{
                pc = $target as usize;
                *fuel -= 1;
                if *fuel <= 0 {
                    save_pc!();
                    return Exit::OutOfFuelInLoop;
                }
            }};
        }
        /// Follows the `Jmp` after a test at once (PUC's `donextjump`),
        /// saving a dispatch.
        macro_rules! next_jump {
            () => {
                if let Op::Jmp { target } = code[pc] {
                    if (target as usize) < pc {
                        jump_back!(target);
                    } else {
                        pc = target as usize;
                    }
                }
            };
        }
        macro_rules! cond {
            ($res:expr, $k:expr) => {
                if $res != $k {
                    pc += 1;
                } else {
                    next_jump!();
                }
            };
        }

        if let Some(result) = pending {
            // Finish the instruction interrupted by a metamethod call.
            let interrupted = code[pc - 1];
            if let Some(arith) = interrupted.as_arith() {
                r!(arith.a) = result;
            } else {
                match interrupted {
                    Op::GetTabUp { a, .. }
                    | Op::GetTable { a, .. }
                    | Op::GetI { a, .. }
                    | Op::GetField { a, .. }
                    | Op::SelfOp { a, .. }
                    | Op::AddI { a, .. }
                    | Op::ShrI { a, .. }
                    | Op::ShlI { a, .. }
                    | Op::Unm { a, .. }
                    | Op::BNot { a, .. }
                    | Op::Len { a, .. } => r!(a) = result,
                    Op::Eq { k, .. }
                    | Op::Lt { k, .. }
                    | Op::Le { k, .. }
                    | Op::LtI { k, .. }
                    | Op::LeI { k, .. }
                    | Op::GtI { k, .. }
                    | Op::GeI { k, .. } => cond!(!result.is_falsy(), k),
                    Op::Concat { a, .. } => {
                        let top = top_lua_frame(ts).top;
                        ts.stack[top - 2] = result;
                        let first = base + a as usize;
                        save_pc!();
                        let v = flow!(concat::<HOOKED>(
                            ctx,
                            thread,
                            ts,
                            first,
                            top - 1 - first,
                            yieldable
                        ));
                        r!(a) = v;
                    }
                    Op::Close { .. } | Op::Return { .. } => {
                        pc -= 1;
                        if HOOKED {
                            hook::retrace(ts);
                        }
                    }
                    _ => {}
                }
            }
        }

        loop {
            if HOOKED && let Some(called) = hook::trace(ctx, thread, ts, pc, yieldable) {
                hooked!(called);
            }
            let op = code[pc];
            pc += 1;
            match op {
                Op::Move { a, b } => r!(a) = r!(b),
                Op::LoadI { a, value } => r!(a) = Value::Integer(value as i64),
                Op::LoadF { a, value } => r!(a) = Value::Number(value as f64),
                Op::LoadK { a, k: c } => r!(a) = k[c as usize],
                Op::LoadFalse { a } => r!(a) = Value::Boolean(false),
                Op::LFalseSkip { a } => {
                    r!(a) = Value::Boolean(false);
                    pc += 1;
                }
                Op::LoadTrue { a } => r!(a) = Value::Boolean(true),
                Op::LoadNil { a, b } => {
                    let start = base + a as usize;
                    ts.stack[start..=start + b as usize].fill(Value::Nil);
                }
                Op::GetUpval { a, b } => r!(a) = get_upvalue::<HOOKED>(closure, b, thread, ts),
                Op::SetUpval { a, b } => {
                    let v = r!(a);
                    set_upvalue::<HOOKED>(ctx, closure, b, thread, ts, v);
                }
                Op::GetTabUp { a, b, key } => {
                    let t = get_upvalue::<HOOKED>(closure, b, thread, ts);
                    let key = k[key as usize];
                    if let (Value::Table(table), Value::String(s)) = (t, key) {
                        let v = table.get_short_str(mc, s);
                        if !v.is_nil() || table.metatable().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    slow_index!(
                        a,
                        t,
                        key,
                        Operand::Upvalue(b),
                        matches!((t, key), (Value::Table(_), Value::String(_)))
                    );
                }
                Op::GetTable { a, b, c } => {
                    let t = r!(b);
                    if let Value::Table(table) = t {
                        // The key is read in place (tag, then payload): a
                        // loop index just written stalls a 16-byte copy.
                        let v = raw_get(ctx, table, &r!(c));
                        if !v.is_nil() || table.metatable().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    let key = r!(c);
                    slow_index!(
                        a,
                        t,
                        key,
                        Operand::Register(b),
                        matches!(t, Value::Table(_))
                    );
                }
                Op::GetI { a, b, c } => {
                    let t = r!(b);
                    if let Value::Table(table) = t {
                        let v = table.get_int(mc, c as i64);
                        if !v.is_nil() || table.metatable().is_none() {
                            r!(a) = v;
                            continue;
                        }
                    }
                    let key = Value::Integer(c as i64);
                    slow_index!(
                        a,
                        t,
                        key,
                        Operand::Register(b),
                        matches!(t, Value::Table(_))
                    );
                }
                Op::GetField { a, b, key } => {
                    let key = k[key as usize];
                    // The object is matched in place (tag, then payload):
                    // copying a value just written by two 8-byte stores
                    // as one 16-byte load stalls store forwarding.
                    if let (&Value::Table(table), Value::String(s)) = (&r!(b), key)
                        && index_str_fast::<HOOKED>(ctx, table, s, &mut r!(a))
                    {
                        continue;
                    }
                    let t = r!(b);
                    slow_index!(
                        a,
                        t,
                        key,
                        Operand::Register(b),
                        matches!((t, key), (Value::Table(_), Value::String(_)))
                    );
                }
                Op::SetTabUp { a, key, value } => {
                    let t = get_upvalue::<HOOKED>(closure, a, thread, ts);
                    let (key, v) = (k[key as usize], rk!(value));
                    if let (Value::Table(table), Value::String(s)) = (t, key)
                        && raw_store_ok(ctx, table)
                    {
                        table.set_str(mc, s, v);
                        continue;
                    }
                    slow_store!(t, key, v, Operand::Upvalue(a));
                }
                Op::SetTable { a, b, value } => {
                    let (t, v) = (r!(a), rk!(value));
                    if let Value::Table(table) = t
                        && raw_store_ok(ctx, table)
                    {
                        // The key is matched in place, as in `GetTable`.
                        match r!(b) {
                            Value::Integer(i) => {
                                table.set_int(mc, i, v);
                                continue;
                            }
                            Value::String(s) => {
                                table.set_str(mc, s, v);
                                continue;
                            }
                            _ => {}
                        }
                    }
                    let key = r!(b);
                    slow_store!(t, key, v, Operand::Register(a));
                }
                Op::SetI { a, b, value } => {
                    let (t, v) = (r!(a), rk!(value));
                    if let Value::Table(table) = t
                        && raw_store_ok(ctx, table)
                    {
                        table.set_int(mc, b as i64, v);
                        continue;
                    }
                    let key = Value::Integer(b as i64);
                    slow_store!(t, key, v, Operand::Register(a));
                }
                Op::SetField { a, key, value } => {
                    let key = k[key as usize];
                    // In place, as in `GetField`.
                    if let (&Value::Table(table), Value::String(s)) = (&r!(a), key)
                        && raw_store_ok(ctx, table)
                    {
                        table.set_str(mc, s, rk!(value));
                        continue;
                    }
                    let (t, v) = (r!(a), rk!(value));
                    slow_store!(t, key, v, Operand::Register(a));
                }
                Op::NewTable { a, array, hash } => {
                    *fuel -= 1;
                    let t =
                        Table::with_capacity(mc, &ctx.state.account, array as usize, hash as usize);
                    r!(a) = Value::Table(t);
                }
                Op::SelfOp { a, b, key } => {
                    let key = rk!(key);
                    // In place, as in `GetField`.
                    if let (&Value::Table(table), Value::String(s)) = (&r!(b), key) {
                        r!(a + 1) = Value::Table(table);
                        if index_str_fast::<HOOKED>(ctx, table, s, &mut r!(a)) {
                            continue;
                        }
                    }
                    let t = r!(b);
                    r!(a + 1) = t;
                    slow_index!(
                        a,
                        t,
                        key,
                        Operand::Register(b),
                        matches!((t, key), (Value::Table(_), Value::String(_)))
                    );
                }
                Op::AddI { a, b, imm } => match r!(b) {
                    Value::Integer(i) => r!(a) = Value::Integer(i.wrapping_add(imm as i64)),
                    Value::Number(f) => r!(a) = Value::Number(f + imm as f64),
                    _ => {
                        let (x, y) = (r!(b), Value::Integer(imm as i64));
                        arith_slow!(
                            a,
                            ArithOp::Add,
                            x,
                            y,
                            (Operand::Register(b), Operand::Unnamed)
                        );
                    }
                },
                Op::ShrI { a, b, imm } => {
                    let x = r!(b);
                    if let Value::Integer(i) = x {
                        r!(a) = Value::Integer(number::shift_right(i, imm as i64));
                    } else {
                        let y = Value::Integer(imm as i64);
                        arith_slow!(
                            a,
                            ArithOp::Shr,
                            x,
                            y,
                            (Operand::Register(b), Operand::Unnamed)
                        );
                    }
                }
                Op::ShlI { a, b, imm } => {
                    let y = r!(b);
                    if let Value::Integer(i) = y {
                        r!(a) = Value::Integer(number::shift_left(imm as i64, i));
                    } else {
                        let x = Value::Integer(imm as i64);
                        arith_slow!(
                            a,
                            ArithOp::Shl,
                            x,
                            y,
                            (Operand::Unnamed, Operand::Register(b))
                        );
                    }
                }
                Op::Add { a, b, c } => arith!(ArithOp::Add, a, b, r!(c), Operand::Register(c)),
                Op::Sub { a, b, c } => arith!(ArithOp::Sub, a, b, r!(c), Operand::Register(c)),
                Op::Mul { a, b, c } => arith!(ArithOp::Mul, a, b, r!(c), Operand::Register(c)),
                Op::Mod { a, b, c } => arith!(ArithOp::Mod, a, b, r!(c), Operand::Register(c)),
                Op::Pow { a, b, c } => arith!(ArithOp::Pow, a, b, r!(c), Operand::Register(c)),
                Op::Div { a, b, c } => arith!(ArithOp::Div, a, b, r!(c), Operand::Register(c)),
                Op::IDiv { a, b, c } => arith!(ArithOp::IDiv, a, b, r!(c), Operand::Register(c)),
                Op::BAnd { a, b, c } => arith!(ArithOp::BAnd, a, b, r!(c), Operand::Register(c)),
                Op::BOr { a, b, c } => arith!(ArithOp::BOr, a, b, r!(c), Operand::Register(c)),
                Op::BXor { a, b, c } => arith!(ArithOp::BXor, a, b, r!(c), Operand::Register(c)),
                Op::Shl { a, b, c } => arith!(ArithOp::Shl, a, b, r!(c), Operand::Register(c)),
                Op::Shr { a, b, c } => arith!(ArithOp::Shr, a, b, r!(c), Operand::Register(c)),
                Op::AddK { a, b, k: c } => {
                    arith!(ArithOp::Add, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::SubK { a, b, k: c } => {
                    match (r!(b), k[c as usize]) {
                        (Value::Integer(i), Value::Integer(j)) => {
                            r!(a) = Value::Integer(i.wrapping_sub(j));
                            continue;
                        }
                        // PUC codes `x - 0` (integer 0) as `x + 0` (ADDI),
                        // which turns a float -0.0 into 0.0. Tested after
                        // the integer case, which pays nothing for it.
                        (Value::Number(f), Value::Integer(0)) => {
                            r!(a) = Value::Number(f + 0.0);
                            continue;
                        }
                        _ => arith!(ArithOp::Sub, a, b, k[c as usize], Operand::Unnamed),
                    }
                }
                Op::MulK { a, b, k: c } => {
                    arith!(ArithOp::Mul, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::ModK { a, b, k: c } => {
                    arith!(ArithOp::Mod, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::PowK { a, b, k: c } => {
                    arith!(ArithOp::Pow, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::DivK { a, b, k: c } => {
                    arith!(ArithOp::Div, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::IDivK { a, b, k: c } => {
                    arith!(ArithOp::IDiv, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::BAndK { a, b, k: c } => {
                    arith!(ArithOp::BAnd, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::BOrK { a, b, k: c } => {
                    arith!(ArithOp::BOr, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::BXorK { a, b, k: c } => {
                    arith!(ArithOp::BXor, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::ShlK { a, b, k: c } => {
                    arith!(ArithOp::Shl, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::ShrK { a, b, k: c } => {
                    arith!(ArithOp::Shr, a, b, k[c as usize], Operand::Unnamed)
                }
                Op::Unm { a, b } => {
                    let x = r!(b);
                    match x {
                        Value::Integer(i) => r!(a) = Value::Integer(i.wrapping_neg()),
                        Value::Number(f) => r!(a) = Value::Number(-f),
                        _ => {
                            save_pc!();
                            r!(a) = flow!(unary_slow::<HOOKED>(
                                ctx,
                                thread,
                                ts,
                                false,
                                x,
                                Operand::Register(b),
                                yieldable
                            ));
                        }
                    }
                }
                Op::BNot { a, b } => {
                    let x = r!(b);
                    if let Value::Integer(i) = x {
                        r!(a) = Value::Integer(!i);
                    } else {
                        save_pc!();
                        r!(a) = flow!(unary_slow::<HOOKED>(
                            ctx,
                            thread,
                            ts,
                            true,
                            x,
                            Operand::Register(b),
                            yieldable
                        ));
                    }
                }
                Op::Not { a, b } => r!(a) = Value::Boolean(r!(b).is_falsy()),
                Op::Len { a, b } => {
                    let x = r!(b);
                    save_pc!();
                    r!(a) = flow!(length::<HOOKED>(
                        ctx,
                        thread,
                        ts,
                        x,
                        Operand::Register(b),
                        yieldable
                    ));
                }
                Op::Concat { a, n } => {
                    save_pc!();
                    *fuel -= 1;
                    let first = base + a as usize;
                    let v = flow!(concat::<HOOKED>(
                        ctx, thread, ts, first, n as usize, yieldable
                    ));
                    r!(a) = v;
                }
                Op::Close { a } => {
                    save_pc!();
                    if let Some(f) =
                        close_next::<HOOKED>(ctx, thread, ts, base + a as usize, yieldable)
                    {
                        flow!(f);
                        // The handler returned at once: close the next one.
                        pc -= 1;
                        if HOOKED {
                            hook::retrace(ts);
                        }
                    }
                }
                Op::Tbc { a } => {
                    save_pc!();
                    if let Err(e) = mark_tbc::<HOOKED>(ctx, ts, base + a as usize, a) {
                        return Exit::Error(e);
                    }
                }
                Op::Jmp { target } => {
                    if (target as usize) < pc {
                        jump_back!(target);
                    } else {
                        pc = target as usize;
                    }
                }
                Op::Eq { a, b, k: kk } => {
                    if let (&Value::Integer(i), &Value::Integer(j)) = (&r!(a), &r!(b)) {
                        cond!((i == j), kk);
                        continue;
                    }
                    let (x, y) = (r!(a), r!(b));
                    let res = match (x, y) {
                        (Value::Integer(i), Value::Integer(j)) => i == j,
                        (Value::Table(_), Value::Table(_))
                        | (Value::UserData(_), Value::UserData(_)) => {
                            save_pc!();
                            !flow!(equals::<HOOKED>(ctx, thread, ts, x, y, yieldable)).is_falsy()
                        }
                        _ => x.raw_eq(y),
                    };
                    cond!(res, kk);
                }
                Op::Lt { a, b, k: kk } => {
                    let res = match (&r!(a), &r!(b)) {
                        (&Value::Integer(i), &Value::Integer(j)) => i < j,
                        (&Value::Number(f), &Value::Number(g)) => f < g,
                        _ => {
                            let (x, y) = (r!(a), r!(b));
                            match arith::num_lt(x, y) {
                                Some(r) => r,
                                None => {
                                    save_pc!();
                                    !flow!(order::<HOOKED>(ctx, thread, ts, x, y, false, yieldable))
                                        .is_falsy()
                                }
                            }
                        }
                    };
                    cond!(res, kk);
                }
                Op::Le { a, b, k: kk } => {
                    let res = match (&r!(a), &r!(b)) {
                        (&Value::Integer(i), &Value::Integer(j)) => i <= j,
                        (&Value::Number(f), &Value::Number(g)) => f <= g,
                        _ => {
                            let (x, y) = (r!(a), r!(b));
                            match arith::num_le(x, y) {
                                Some(r) => r,
                                None => {
                                    save_pc!();
                                    !flow!(order::<HOOKED>(ctx, thread, ts, x, y, true, yieldable))
                                        .is_falsy()
                                }
                            }
                        }
                    };
                    cond!(res, kk);
                }
                Op::EqK { a, b, k: kk } => {
                    let res = r!(a).raw_eq(k[b as usize]);
                    cond!(res, kk);
                }
                Op::EqI {
                    a,
                    imm,
                    is_float,
                    k: kk,
                } => {
                    let res = match r!(a) {
                        Value::Integer(i) => i == imm as i64,
                        Value::Number(f) => f == imm as f64,
                        _ => false,
                    };
                    let _ = is_float;
                    cond!(res, kk);
                }
                Op::LtI {
                    a,
                    imm,
                    is_float,
                    k: kk,
                }
                | Op::LeI {
                    a,
                    imm,
                    is_float,
                    k: kk,
                }
                | Op::GtI {
                    a,
                    imm,
                    is_float,
                    k: kk,
                }
                | Op::GeI {
                    a,
                    imm,
                    is_float,
                    k: kk,
                } => {
                    let res = match r!(a) {
                        Value::Integer(i) => {
                            let j = imm as i64;
                            match op {
                                Op::LtI { .. } => i < j,
                                Op::LeI { .. } => i <= j,
                                Op::GtI { .. } => i > j,
                                _ => i >= j,
                            }
                        }
                        Value::Number(f) => {
                            let g = imm as f64;
                            match op {
                                Op::LtI { .. } => f < g,
                                Op::LeI { .. } => f <= g,
                                Op::GtI { .. } => f > g,
                                _ => f >= g,
                            }
                        }
                        _ => {
                            let x = r!(a);
                            save_pc!();
                            let y = if is_float {
                                Value::Number(imm as f64)
                            } else {
                                Value::Integer(imm as i64)
                            };
                            let flow = match op {
                                Op::LtI { .. } => {
                                    order::<HOOKED>(ctx, thread, ts, x, y, false, yieldable)
                                }
                                Op::LeI { .. } => {
                                    order::<HOOKED>(ctx, thread, ts, x, y, true, yieldable)
                                }
                                Op::GtI { .. } => {
                                    order::<HOOKED>(ctx, thread, ts, y, x, false, yieldable)
                                }
                                _ => order::<HOOKED>(ctx, thread, ts, y, x, true, yieldable),
                            };
                            !flow!(flow).is_falsy()
                        }
                    };
                    cond!(res, kk);
                }
                Op::Test { a, k: kk } => {
                    if r!(a).is_falsy() == kk {
                        pc += 1;
                    } else {
                        next_jump!();
                    }
                }
                Op::TestSet { a, b, k: kk } => {
                    let v = r!(b);
                    if v.is_falsy() == kk {
                        pc += 1;
                    } else {
                        r!(a) = v;
                        next_jump!();
                    }
                }
                Op::Call { a, b, c } => {
                    let func = base + a as usize;
                    let nargs = if b == 0 {
                        top_lua_frame(ts).top - func - 1
                    } else {
                        b as usize - 1
                    };
                    // Fast path: a Lua function needs no `__call` resolution
                    // and no native protocol; push its frame right here.
                    // (Hooked calls go through `precall`, which announces them.)
                    if !HOOKED
                        && let Value::LuaFunction(callee) = ts.stack[func]
                        && ts.frames.len() < MAX_FRAMES
                    {
                        let p = Gc::as_ref(callee.proto);
                        let need = func + 1 + p.max_stack as usize + EXTRA_STACK;
                        if need <= MAX_STACK {
                            let caller = top_lua_frame(ts);
                            caller.pc = pc;
                            let c_level = caller.c_level;
                            *fuel -= 1;
                            if ts.stack.len() < need {
                                ts.stack.resize(need, Value::Nil);
                            }
                            let nresults = c as i32 - 1;
                            push_lua_frame(
                                ts,
                                callee,
                                func,
                                nargs,
                                p.num_params as usize,
                                need,
                                nresults,
                                Ret::Normal,
                                c_level,
                            );
                            if *fuel <= 0 {
                                continue 'frame;
                            }
                            enter!(callee, func + 1, 0);
                            continue;
                        }
                    }
                    save_pc!();
                    *fuel -= 1;
                    match precall(
                        ctx,
                        thread,
                        ts,
                        func,
                        nargs,
                        c as i32 - 1,
                        Ret::Normal,
                        yieldable,
                    ) {
                        Ok(Called::Lua) | Ok(Called::Returned(_)) => continue 'frame,
                        Ok(Called::Action(action)) => return Exit::Action(action),
                        Err(e) => return Exit::Error(e),
                    }
                }
                Op::TailCall { a, b, close, .. } => {
                    let func = base + a as usize;
                    let mut nargs = if b == 0 {
                        top_lua_frame(ts).top - func - 1
                    } else {
                        b as usize - 1
                    };
                    save_pc!();
                    *fuel -= 1;
                    if let Err(e) = resolve_callable(ctx, ts, func, &mut nargs) {
                        return Exit::Error(e);
                    }
                    if close {
                        ts.close_upvalues(mc, base);
                    }
                    if let Value::NativeFunction(_) = ts.stack[func] {
                        // As PUC, a native runs in place: the Lua frame stays
                        // (for `luaL_where` and argument errors) and the
                        // `Return` that follows every `TailCall` returns its
                        // results.
                        match precall(ctx, thread, ts, func, nargs, -1, Ret::Normal, yieldable) {
                            Ok(Called::Lua) | Ok(Called::Returned(_)) => continue 'frame,
                            Ok(Called::Action(action)) => return Exit::Action(action),
                            Err(e) => return Exit::Error(e),
                        }
                    }
                    let Some(Frame::Lua(current)) = ts.frames.pop() else {
                        unreachable!("tail call from a Lua frame")
                    };
                    ts.stack.copy_within(func..func + 1 + nargs, current.func);
                    match precall(
                        ctx,
                        thread,
                        ts,
                        current.func,
                        nargs,
                        current.nresults,
                        current.ret,
                        yieldable,
                    ) {
                        Ok(Called::Lua) => {
                            if let Some(Frame::Lua(f)) = ts.frames.last_mut() {
                                f.tail = true;
                            }
                            continue 'frame;
                        }
                        Ok(Called::Returned(Returned::Continue)) => continue 'frame,
                        Ok(Called::Returned(Returned::Handler(v))) => {
                            return Exit::HandlerReturned(v);
                        }
                        Ok(Called::Action(action)) => {
                            if let Some(Frame::Native(f)) = ts.frames.last_mut() {
                                f.tail = true;
                            }
                            return Exit::Action(action);
                        }
                        Err(e) => return Exit::Error(e),
                    }
                }
                Op::Return { a, b, close, .. } => {
                    let first = base + a as usize;
                    let n = if b == 0 {
                        top_lua_frame(ts).top - first
                    } else {
                        b as usize - 1
                    };
                    if close {
                        save_pc!();
                        if let Some(f) = close_next::<HOOKED>(ctx, thread, ts, base, yieldable) {
                            flow!(f);
                            // Closed at once: run the return again.
                            pc -= 1;
                            if HOOKED {
                                hook::retrace(ts);
                            }
                            continue;
                        }
                    }
                    if HOOKED
                        && let Some(called) =
                            hook::before_lua_return(ctx, thread, ts, first, n, pc, yieldable)
                    {
                        hooked!(called);
                    }
                    match do_return(ctx, ts, first, n) {
                        Returned::Continue => continue 'frame,
                        Returned::Handler(v) => return Exit::HandlerReturned(v),
                    }
                }
                Op::Return0 => {
                    if HOOKED
                        && let Some(called) =
                            hook::before_lua_return(ctx, thread, ts, base, 0, pc, yieldable)
                    {
                        hooked!(called);
                    }
                    // Fast path: back to a Lua caller wanting at most a few values.
                    let n = ts.frames.len();
                    if let (Some(Frame::Lua(caller)), Some(Frame::Lua(f))) =
                        (n.checked_sub(2).map(|i| &ts.frames[i]), ts.frames.last())
                        && f.ret == Ret::Normal
                        && f.nresults <= 1
                    {
                        let func = f.func;
                        let count = f.nresults.max(0) as usize;
                        let need = caller.stack_end;
                        ts.frames.pop();
                        if ts.stack.len() < need.max(func + count) {
                            ts.stack.resize(need.max(func + count), Value::Nil);
                        }
                        if count == 1 {
                            ts.stack[func] = Value::Nil;
                        }
                        let caller = top_lua_frame(ts);
                        caller.top = func + count;
                        if caller.pending.is_some() {
                            continue 'frame;
                        }
                        let (c, b, p) = (caller.closure, caller.base, caller.pc);
                        enter!(c, b, p);
                        continue;
                    }
                    match do_return(ctx, ts, base, 0) {
                        Returned::Continue => continue 'frame,
                        Returned::Handler(v) => return Exit::HandlerReturned(v),
                    }
                }
                Op::Return1 { a } => {
                    if HOOKED
                        && let Some(called) = hook::before_lua_return(
                            ctx,
                            thread,
                            ts,
                            base + a as usize,
                            1,
                            pc,
                            yieldable,
                        )
                    {
                        hooked!(called);
                    }
                    // Fast path: one value back to a Lua caller.
                    let n = ts.frames.len();
                    if let (Some(Frame::Lua(caller)), Some(Frame::Lua(f))) =
                        (n.checked_sub(2).map(|i| &ts.frames[i]), ts.frames.last())
                        && f.ret == Ret::Normal
                        && f.nresults == 1
                    {
                        let func = f.func;
                        let need = caller.stack_end;
                        // Copied before the pop: the value goes straight
                        // from the callee's register to the caller's slot.
                        ts.stack[func] = r!(a);
                        ts.frames.pop();
                        if ts.stack.len() < need {
                            ts.stack.resize(need, Value::Nil);
                        }
                        let caller = top_lua_frame(ts);
                        caller.top = func + 1;
                        if caller.pending.is_some() {
                            continue 'frame;
                        }
                        let (c, b, p) = (caller.closure, caller.base, caller.pc);
                        enter!(c, b, p);
                        continue;
                    }
                    match do_return(ctx, ts, base + a as usize, 1) {
                        Returned::Continue => continue 'frame,
                        Returned::Handler(v) => return Exit::HandlerReturned(v),
                    }
                }
                Op::ForLoop { a, target } => {
                    let ra = base + a as usize;
                    // One bounds check for the four loop registers.
                    let regs = &mut ts.stack[ra..ra + 4];
                    let again = match regs[2] {
                        Value::Integer(step) => {
                            // The count is unsigned (PUC's `forprep`): a loop
                            // may run 2^63 times or more, so test for zero.
                            if let Value::Integer(count) = regs[1]
                                && count != 0
                            {
                                regs[1] = Value::Integer(count.wrapping_sub(1));
                                if let Value::Integer(i) = regs[0] {
                                    let next = Value::Integer(i.wrapping_add(step));
                                    regs[0] = next;
                                    regs[3] = next;
                                }
                                true
                            } else {
                                false
                            }
                        }
                        Value::Number(step) => {
                            if let (Value::Number(i), Value::Number(limit)) = (regs[0], regs[1]) {
                                let next = i + step;
                                let go = if step > 0.0 {
                                    next <= limit
                                } else {
                                    limit <= next
                                };
                                if go {
                                    regs[0] = Value::Number(next);
                                    regs[3] = Value::Number(next);
                                }
                                go
                            } else {
                                false
                            }
                        }
                        _ => false,
                    };
                    if again {
                        jump_back!(target);
                    }
                }
                Op::ForPrep { a, target } => {
                    save_pc!();
                    match for_prep::<HOOKED>(ctx, ts, base + a as usize) {
                        Ok(true) => pc = target as usize,
                        Ok(false) => {}
                        Err(e) => return Exit::Error(e),
                    }
                }
                Op::TForPrep { a, target } => {
                    save_pc!();
                    if let Err(e) = mark_tbc::<HOOKED>(ctx, ts, base + a as usize + 3, a + 3) {
                        return Exit::Error(e);
                    }
                    pc = target as usize;
                }
                Op::TForCall { a, c } => {
                    let ra = base + a as usize;
                    ts.stack.copy_within(ra..ra + 3, ra + 4);
                    save_pc!();
                    *fuel -= 1;
                    match precall(ctx, thread, ts, ra + 4, 2, c as i32, Ret::Normal, yieldable) {
                        Ok(Called::Lua) | Ok(Called::Returned(_)) => continue 'frame,
                        Ok(Called::Action(action)) => return Exit::Action(action),
                        Err(e) => return Exit::Error(e),
                    }
                }
                Op::TForLoop { a, target } => {
                    let ra = base + a as usize;
                    let v = ts.stack[ra + 4];
                    if !v.is_nil() {
                        ts.stack[ra + 2] = v;
                        jump_back!(target);
                    }
                }
                Op::SetList { a, n, offset } => {
                    let ra = base + a as usize;
                    let count = if n == 0 {
                        top_lua_frame(ts).top - ra - 1
                    } else {
                        n as usize
                    };
                    if let Value::Table(t) = ts.stack[ra] {
                        // A constructor ending in a call or `...` learns its
                        // size only now: size the array part once.
                        t.reserve_array(mc, offset as usize + count);
                        for i in 1..=count {
                            t.set_int(mc, offset as i64 + i as i64, ts.stack[ra + i]);
                        }
                    }
                }
                Op::Closure { a, proto: index } => {
                    *fuel -= 1;
                    let child = Gc::as_ref(closure.proto).protos[index as usize];
                    let upvalues = child.proto.upvalues.iter().map(|desc| {
                        if desc.in_stack {
                            ts.find_upvalue(mc, thread, base + desc.index as usize)
                        } else {
                            closure.upvalue(desc.index as usize)
                        }
                    });
                    let f = new_closure(mc, child, upvalues);
                    r!(a) = Value::LuaFunction(f);
                }
                Op::VarArg { a, c } => {
                    let frame = top_lua_frame(ts);
                    let nparams = closure.proto.num_params as usize;
                    let nextra = (frame.base - frame.func - 1).saturating_sub(nparams);
                    let ra = base + a as usize;
                    let wanted = if c == 0 { nextra } else { c as usize - 1 };
                    if c == 0 {
                        frame.top = ra + nextra;
                        if ts.ensure_stack(ra + nextra + EXTRA_STACK).is_err() {
                            throw!("stack overflow");
                        }
                    }
                    for i in 0..wanted {
                        ts.stack[ra + i] = if i < nextra {
                            ts.stack[base - nextra + i]
                        } else {
                            Value::Nil
                        };
                    }
                }
                Op::VarArgPrep { nparams } => {
                    let frame = top_lua_frame(ts);
                    let nargs = frame.top - frame.base;
                    let nparams = nparams as usize;
                    if nargs > nparams {
                        let new_base = frame.base + nargs;
                        let old_base = frame.base;
                        let stack_end = new_base + closure.proto.max_stack as usize + EXTRA_STACK;
                        frame.base = new_base;
                        frame.top = new_base;
                        frame.stack_end = stack_end;
                        if ts.ensure_stack(stack_end).is_err() {
                            save_pc!();
                            return Exit::Error(runtime_error(ctx, ts, "stack overflow"));
                        }
                        ts.stack.copy_within(old_base..old_base + nparams, new_base);
                        ts.stack[old_base..old_base + nparams].fill(Value::Nil);
                        save_pc!();
                        if HOOKED
                            && let Some(called) = hook::vararg_entered(ctx, thread, ts, yieldable)
                        {
                            hooked!(called);
                        }
                        continue 'frame;
                    }
                    if HOOKED {
                        save_pc!();
                        if let Some(called) = hook::vararg_entered(ctx, thread, ts, yieldable) {
                            hooked!(called);
                        }
                    }
                }
            }
        }
    }
}
