//! Functions: runtime prototypes, Lua closures with their upvalues, and native
//! (Rust) functions.
//!
//! A [`Proto`] is heap-independent; loading it into a state makes a
//! [`FunctionProto`] once (constants become [`Value`]s, strings interned,
//! nested prototypes converted) so that creating a closure is just an
//! allocation of its upvalue array.
//!
//! An upvalue is *open* while the variable it captures still lives in a
//! thread's stack (the closure reads and writes the stack slot), and *closed*
//! once that variable goes out of scope (the upvalue then holds the value
//! itself). Closures created in the same scope share upvalue objects, so they
//! see each other's assignments.

use std::fmt;
use std::rc::Rc;

use gc_arena::{Collect, Gc, Lock, Mutation};

use crate::bytecode::{Constant, Proto};
use crate::executor::{Action, Call, Error};
use crate::state::Context;
use crate::string::{LuaString, MAX_SHORT_LEN};
use crate::thread::Thread;
use crate::value::Value;

/// A prototype loaded into a state: the shared code plus heap constants.
#[derive(Collect)]
#[collect(no_drop)]
pub struct FunctionProto<'gc> {
    #[collect(require_static)]
    pub proto: Rc<Proto>,
    pub constants: Box<[Value<'gc>]>,
    pub protos: Box<[Gc<'gc, FunctionProto<'gc>>]>,
    /// `proto.max_stack` and `proto.num_params`, copied here for the call
    /// path: one pointer fewer to follow on every Lua call.
    #[collect(require_static)]
    pub max_stack: u16,
    #[collect(require_static)]
    pub num_params: u8,
}

impl<'gc> FunctionProto<'gc> {
    /// Converts a compiled prototype (and its nested prototypes) for `ctx`'s
    /// heap.
    pub fn load(ctx: Context<'gc>, proto: Rc<Proto>) -> Gc<'gc, FunctionProto<'gc>> {
        Self::load_sharing(ctx, proto, &mut LongStrings::default())
    }

    /// [`FunctionProto::load`], with the long strings made so far for this
    /// chunk. Nesting depth is bounded by the compiler, so recursion is fine.
    fn load_sharing(
        ctx: Context<'gc>,
        proto: Rc<Proto>,
        long_strings: &mut LongStrings<'gc>,
    ) -> Gc<'gc, FunctionProto<'gc>> {
        let constants = proto
            .constants
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::Nil,
                Constant::Boolean(b) => Value::Boolean(*b),
                Constant::Integer(i) => Value::Integer(*i),
                Constant::Number(n) => Value::Number(*n),
                Constant::String(s) => Value::String(long_strings.get(ctx, s)),
            })
            .collect();
        let protos = proto
            .protos
            .iter()
            .map(|p| FunctionProto::load_sharing(ctx, Rc::clone(p), long_strings))
            .collect();
        Gc::new(
            ctx.mc,
            FunctionProto {
                max_stack: proto.max_stack,
                num_params: proto.num_params,
                proto,
                constants,
                protos,
            },
        )
    }
}

/// The long-string constants of one chunk being loaded. Short strings are
/// interned anyway; equal long literals of one chunk become one string
/// object too, as PUC's scanner makes them (`string.format("%p")` shows
/// it), so a chunk full of one long literal holds it once.
#[derive(Default)]
struct LongStrings<'gc> {
    made: rustc_hash::FxHashMap<Rc<[u8]>, LuaString<'gc>>,
}

impl<'gc> LongStrings<'gc> {
    fn get(&mut self, ctx: Context<'gc>, bytes: &[u8]) -> LuaString<'gc> {
        if bytes.len() <= MAX_SHORT_LEN {
            return ctx.intern(bytes);
        }
        if let Some(&string) = self.made.get(bytes) {
            return string;
        }
        let string = ctx.intern(bytes);
        self.made.insert(Rc::from(bytes), string);
        string
    }
}

/// Where an upvalue's variable currently lives.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum UpValueState<'gc> {
    /// Still on the stack of `thread`, at absolute slot `index`.
    Open { thread: Thread<'gc>, index: usize },
    /// The variable went out of scope; the upvalue owns its value.
    Closed(Value<'gc>),
}

/// A shared, mutable upvalue cell.
pub type UpValue<'gc> = Gc<'gc, Lock<UpValueState<'gc>>>;

/// A Lua function: a prototype plus its captured upvalues.
#[derive(Collect)]
#[collect(no_drop)]
pub struct LuaClosureInner<'gc> {
    pub proto: Gc<'gc, FunctionProto<'gc>>,
    pub upvalues: Upvalues<'gc>,
}

/// A closure's upvalues (a slice through `Deref`). One or two are stored in
/// the closure object itself: most closures capture few variables, and a
/// separate boxed array costs a second allocation per closure (measured on
/// `closures`).
#[derive(Collect)]
#[collect(no_drop)]
pub enum Upvalues<'gc> {
    One([UpValue<'gc>; 1]),
    Two([UpValue<'gc>; 2]),
    /// None, or more than two.
    Boxed(Box<[UpValue<'gc>]>),
}

impl<'gc> Upvalues<'gc> {
    /// Stores `upvalues` inline when there are one or two.
    pub fn new(upvalues: impl ExactSizeIterator<Item = UpValue<'gc>>) -> Self {
        let mut upvalues = upvalues;
        match upvalues.len() {
            1 => {
                let first = upvalues.next().expect("one upvalue");
                Upvalues::One([first])
            }
            2 => {
                let first = upvalues.next().expect("two upvalues");
                let second = upvalues.next().expect("two upvalues");
                Upvalues::Two([first, second])
            }
            _ => Upvalues::Boxed(upvalues.collect()),
        }
    }
}

impl<'gc> std::ops::Deref for Upvalues<'gc> {
    type Target = [UpValue<'gc>];

    #[inline]
    fn deref(&self) -> &[UpValue<'gc>] {
        match self {
            Upvalues::One(a) => a,
            Upvalues::Two(a) => a,
            Upvalues::Boxed(a) => a,
        }
    }
}

pub type LuaClosure<'gc> = Gc<'gc, LuaClosureInner<'gc>>;

/// The signature of a native function. Its arguments are in the call window
/// (`call`); it returns an [`Action`] telling the executor what to do next.
pub type NativeFn =
    for<'gc> fn(Context<'gc>, &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>>;

/// A native function implemented by a Rust closure (for embedders). It can
/// hold only `'static` Rust state; heap values go in the upvalues.
pub type NativeClosure =
    Rc<dyn for<'gc> Fn(Context<'gc>, &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>>>;

/// The Rust code of a native function.
#[derive(Clone)]
pub enum NativeCode {
    Fn(NativeFn),
    Closure(NativeClosure),
}

impl fmt::Debug for NativeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NativeCode::Fn(_) => f.write_str("NativeCode::Fn"),
            NativeCode::Closure(_) => f.write_str("NativeCode::Closure"),
        }
    }
}

/// A native function value: Rust code plus immutable upvalues (put a table in
/// one when the function needs mutable state).
#[derive(Collect)]
#[collect(no_drop)]
pub struct NativeInner<'gc> {
    #[collect(require_static)]
    pub code: NativeCode,
    pub upvalues: Box<[Value<'gc>]>,
}

pub type Native<'gc> = Gc<'gc, NativeInner<'gc>>;

impl<'gc> NativeInner<'gc> {
    /// A native function from a plain `fn`.
    pub fn new(mc: &Mutation<'gc>, f: NativeFn) -> Native<'gc> {
        Gc::new(
            mc,
            NativeInner {
                code: NativeCode::Fn(f),
                upvalues: Box::new([]),
            },
        )
    }

    /// A native function from a plain `fn` with upvalues.
    pub fn with_upvalues(
        mc: &Mutation<'gc>,
        f: NativeFn,
        upvalues: impl IntoIterator<Item = Value<'gc>>,
    ) -> Native<'gc> {
        Gc::new(
            mc,
            NativeInner {
                code: NativeCode::Fn(f),
                upvalues: upvalues.into_iter().collect(),
            },
        )
    }

    /// A native function from a Rust closure.
    pub fn from_closure(
        mc: &Mutation<'gc>,
        f: impl for<'a> Fn(Context<'a>, &mut Call<'a, '_>) -> Result<Action<'a>, Error<'a>> + 'static,
    ) -> Native<'gc> {
        Gc::new(
            mc,
            NativeInner {
                code: NativeCode::Closure(Rc::new(f)),
                upvalues: Box::new([]),
            },
        )
    }
}

/// Any callable function value.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum Function<'gc> {
    Lua(LuaClosure<'gc>),
    Native(Native<'gc>),
}

impl<'gc> Function<'gc> {
    /// Identity, as `==` and `rawequal` see it.
    pub fn ptr_eq(self, other: Function<'gc>) -> bool {
        match (self, other) {
            (Function::Lua(a), Function::Lua(b)) => Gc::ptr_eq(a, b),
            (Function::Native(a), Function::Native(b)) => Gc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The address printed by `tostring`.
    pub fn as_ptr(self) -> *const () {
        match self {
            Function::Lua(f) => Gc::as_ptr(f) as *const (),
            Function::Native(f) => Gc::as_ptr(f) as *const (),
        }
    }

    /// Wraps a plain native `fn`.
    pub fn native(mc: &Mutation<'gc>, f: NativeFn) -> Function<'gc> {
        Function::Native(NativeInner::new(mc, f))
    }
}

impl fmt::Debug for LuaClosureInner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "function: {:p}", self)
    }
}

impl fmt::Debug for NativeInner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "function: builtin: {:p}", self)
    }
}

impl fmt::Debug for Function<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "function: {:p}", self.as_ptr())
    }
}

/// Creates a closure for `proto` with an upvalue array built by `capture`.
pub fn new_closure<'gc>(
    mc: &Mutation<'gc>,
    proto: Gc<'gc, FunctionProto<'gc>>,
    upvalues: impl ExactSizeIterator<Item = UpValue<'gc>>,
) -> LuaClosure<'gc> {
    let upvalues = Upvalues::new(upvalues);
    Gc::new(mc, LuaClosureInner { proto, upvalues })
}

/// A fresh closed upvalue holding `value` (the main chunk's `_ENV`).
pub fn closed_upvalue<'gc>(mc: &Mutation<'gc>, value: Value<'gc>) -> UpValue<'gc> {
    Gc::new(mc, Lock::new(UpValueState::Closed(value)))
}
