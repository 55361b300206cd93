//! Metamethods: their names, per-type metatables and fast lookup.
//!
//! Tables carry their own metatable; every other type shares one metatable
//! per type (strings get theirs from the string library). Looking up an event
//! in a table's metatable first consults the metatable's "absent" cache bits,
//! so the common case (no `__index`, no `__newindex`, ...) costs one bit test.

use gc_arena::Collect;

use crate::state::Context;
use crate::string::LuaString;
use crate::table::Table;
use crate::value::Value;

/// Metamethod events, in PUC's `TMS` order (the first ones are cached).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum MetaEvent {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
    // Events used by the libraries, not by the interpreter.
    Name,
    ToString,
    Metatable,
    Pairs,
}

impl MetaEvent {
    pub const COUNT: usize = 29;

    pub const ALL: [MetaEvent; MetaEvent::COUNT] = [
        MetaEvent::Index,
        MetaEvent::NewIndex,
        MetaEvent::Gc,
        MetaEvent::Mode,
        MetaEvent::Len,
        MetaEvent::Eq,
        MetaEvent::Add,
        MetaEvent::Sub,
        MetaEvent::Mul,
        MetaEvent::Mod,
        MetaEvent::Pow,
        MetaEvent::Div,
        MetaEvent::IDiv,
        MetaEvent::BAnd,
        MetaEvent::BOr,
        MetaEvent::BXor,
        MetaEvent::Shl,
        MetaEvent::Shr,
        MetaEvent::Unm,
        MetaEvent::BNot,
        MetaEvent::Lt,
        MetaEvent::Le,
        MetaEvent::Concat,
        MetaEvent::Call,
        MetaEvent::Close,
        MetaEvent::Name,
        MetaEvent::ToString,
        MetaEvent::Metatable,
        MetaEvent::Pairs,
    ];

    /// The field name, e.g. `"__index"`.
    pub fn name(self) -> &'static str {
        match self {
            MetaEvent::Index => "__index",
            MetaEvent::NewIndex => "__newindex",
            MetaEvent::Gc => "__gc",
            MetaEvent::Mode => "__mode",
            MetaEvent::Len => "__len",
            MetaEvent::Eq => "__eq",
            MetaEvent::Add => "__add",
            MetaEvent::Sub => "__sub",
            MetaEvent::Mul => "__mul",
            MetaEvent::Mod => "__mod",
            MetaEvent::Pow => "__pow",
            MetaEvent::Div => "__div",
            MetaEvent::IDiv => "__idiv",
            MetaEvent::BAnd => "__band",
            MetaEvent::BOr => "__bor",
            MetaEvent::BXor => "__bxor",
            MetaEvent::Shl => "__shl",
            MetaEvent::Shr => "__shr",
            MetaEvent::Unm => "__unm",
            MetaEvent::BNot => "__bnot",
            MetaEvent::Lt => "__lt",
            MetaEvent::Le => "__le",
            MetaEvent::Concat => "__concat",
            MetaEvent::Call => "__call",
            MetaEvent::Close => "__close",
            MetaEvent::Name => "__name",
            MetaEvent::ToString => "__tostring",
            MetaEvent::Metatable => "__metatable",
            MetaEvent::Pairs => "__pairs",
        }
    }

    /// The arithmetic event of an operator.
    pub fn of_arith(op: crate::bytecode::ArithOp) -> MetaEvent {
        use crate::bytecode::ArithOp::*;
        match op {
            Add => MetaEvent::Add,
            Sub => MetaEvent::Sub,
            Mul => MetaEvent::Mul,
            Mod => MetaEvent::Mod,
            Pow => MetaEvent::Pow,
            Div => MetaEvent::Div,
            IDiv => MetaEvent::IDiv,
            BAnd => MetaEvent::BAnd,
            BOr => MetaEvent::BOr,
            BXor => MetaEvent::BXor,
            Shl => MetaEvent::Shl,
            Shr => MetaEvent::Shr,
        }
    }

    /// Events whose absence a metatable caches (PUC caches up to `__eq`).
    #[inline]
    fn is_cached(self) -> bool {
        (self as u8) <= MetaEvent::Eq as u8
    }
}

/// The interned names of every event, made once per state.
#[derive(Collect)]
#[collect(no_drop)]
pub struct MetaNames<'gc>(pub Vec<LuaString<'gc>>);

impl<'gc> MetaNames<'gc> {
    pub fn new(intern: impl Fn(&[u8]) -> LuaString<'gc>) -> Self {
        MetaNames(
            MetaEvent::ALL
                .iter()
                .map(|e| intern(e.name().as_bytes()))
                .collect(),
        )
    }

    #[inline]
    pub fn get(&self, event: MetaEvent) -> LuaString<'gc> {
        self.0[event as usize]
    }
}

/// Metatables shared by all values of a non-table type.
#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct TypeMetatables<'gc> {
    pub nil: Option<Table<'gc>>,
    pub boolean: Option<Table<'gc>>,
    pub number: Option<Table<'gc>>,
    pub string: Option<Table<'gc>>,
    pub function: Option<Table<'gc>>,
    pub thread: Option<Table<'gc>>,
    pub light_userdata: Option<Table<'gc>>,
}

/// The metatable of any value.
pub fn metatable<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> Option<Table<'gc>> {
    match value {
        Value::Table(t) => t.metatable(),
        Value::UserData(u) => u.metatable(),
        _ => {
            let metas = ctx.state.metatables.borrow();
            match value {
                Value::Nil => metas.nil,
                Value::Boolean(_) => metas.boolean,
                Value::Integer(_) | Value::Number(_) => metas.number,
                Value::String(_) => metas.string,
                Value::LuaFunction(_) | Value::NativeFunction(_) => metas.function,
                Value::Thread(_) => metas.thread,
                _ => metas.light_userdata,
            }
        }
    }
}

/// Sets the shared metatable of a non-table, non-userdata type (as
/// `debug.setmetatable` does). Returns `false` for tables and userdata.
pub fn set_type_metatable<'gc>(
    ctx: Context<'gc>,
    value: Value<'gc>,
    mt: Option<Table<'gc>>,
) -> bool {
    let mut metas = ctx.state.metatables.borrow_mut(ctx.mc);
    let slot = match value {
        Value::Nil => &mut metas.nil,
        Value::Boolean(_) => &mut metas.boolean,
        Value::Integer(_) | Value::Number(_) => &mut metas.number,
        Value::String(_) => &mut metas.string,
        Value::LuaFunction(_) | Value::NativeFunction(_) => &mut metas.function,
        Value::Thread(_) => &mut metas.thread,
        Value::LightUserData(_) => &mut metas.light_userdata,
        Value::Table(_) | Value::UserData(_) => return false,
    };
    *slot = mt;
    true
}

/// [`event_in`] for a cached event, forced inline: for the per-instruction
/// checks of the table fast paths (`__index` of an inherited field or
/// method, `__newindex` before a raw store), where the call was measurable.
#[inline(always)]
pub fn cached_event_in<'gc>(ctx: Context<'gc>, mt: Table<'gc>, event: MetaEvent) -> Value<'gc> {
    debug_assert!(event.is_cached());
    if mt.is_meta_absent(event as u8) {
        return Value::Nil;
    }
    let v = mt.get_short_str(ctx.mc, ctx.state.meta_names.get(event));
    if v.is_nil() {
        mt.set_meta_absent(event as u8);
    }
    v
}

/// `event` in metatable `mt` (nil when absent), using the absent cache.
#[inline]
pub fn event_in<'gc>(ctx: Context<'gc>, mt: Table<'gc>, event: MetaEvent) -> Value<'gc> {
    if event.is_cached() {
        if mt.is_meta_absent(event as u8) {
            return Value::Nil;
        }
        let v = mt.get_short_str(ctx.mc, ctx.state.meta_names.get(event));
        if v.is_nil() {
            mt.set_meta_absent(event as u8);
        }
        v
    } else {
        mt.get_str(ctx.mc, ctx.state.meta_names.get(event))
    }
}

/// The metamethod for `event` of `value`, or nil.
#[inline]
pub fn metamethod<'gc>(ctx: Context<'gc>, value: Value<'gc>, event: MetaEvent) -> Value<'gc> {
    match metatable(ctx, value) {
        Some(mt) => event_in(ctx, mt, event),
        None => Value::Nil,
    }
}

/// The type name used in error messages: `__name` from the metatable when it
/// is a string, else the basic type name (PUC's `luaT_objtypename`).
pub fn type_name_for_error<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> String {
    if let Some(mt) = metatable(ctx, value)
        && matches!(value, Value::Table(_) | Value::UserData(_))
        && let Value::String(s) = mt.get_str(ctx.mc, ctx.state.meta_names.get(MetaEvent::Name))
    {
        return s.to_str_lossy().into_owned();
    }
    value.type_name().to_string()
}

/// PUC's `MAXTAGLOOP`: `__index`/`__newindex` chains longer than this are
/// taken for loops.
pub const MAX_TAG_LOOP: usize = 2000;

/// Where a walk along `__index` ends (PUC's `luaV_finishget` loop).
pub enum IndexStep<'gc> {
    /// The value, found without calling anything.
    Value(Value<'gc>),
    /// Call `handler(object, key)`; its first result is the value.
    Call {
        handler: Value<'gc>,
        object: Value<'gc>,
    },
}

/// Where a walk along `__newindex` ends (PUC's `luaV_finishset` loop).
pub enum NewIndexStep<'gc> {
    /// Store raw into this table.
    Raw(Table<'gc>),
    /// Call `handler(object, key, value)`.
    Call {
        handler: Value<'gc>,
        object: Value<'gc>,
    },
}

/// Why a walk along `__index` or `__newindex` failed.
pub enum ChainError<'gc> {
    /// `object` has no fields and no handler; `first` is true when it is
    /// the value the walk started from (its variable name then goes into
    /// the error message).
    NotIndexable { object: Value<'gc>, first: bool },
    /// The chain is longer than [`MAX_TAG_LOOP`].
    TooLong,
}

/// Follows `object[key]` through tables and `__index` tables until a value,
/// a handler function to call, or an error. `missed`: `object` is a table
/// whose raw lookup of `key` already failed (the interpreter's fast path
/// tried it), so it is not repeated.
pub fn walk_index<'gc>(
    ctx: Context<'gc>,
    mut object: Value<'gc>,
    key: Value<'gc>,
    missed: bool,
) -> Result<IndexStep<'gc>, ChainError<'gc>> {
    for step in 0..MAX_TAG_LOOP {
        let handler = match object {
            Value::Table(t) => {
                if step > 0 || !missed {
                    let v = match key {
                        Value::String(s) => t.get_short_str(ctx.mc, s),
                        _ => t.get(ctx.mc, key),
                    };
                    if !v.is_nil() {
                        return Ok(IndexStep::Value(v));
                    }
                }
                let handler = t
                    .metatable()
                    .map_or(Value::Nil, |mt| event_in(ctx, mt, MetaEvent::Index));
                if handler.is_nil() {
                    return Ok(IndexStep::Value(Value::Nil));
                }
                handler
            }
            _ => handler_of(ctx, object, MetaEvent::Index, step)?,
        };
        if handler.as_function().is_some() {
            return Ok(IndexStep::Call { handler, object });
        }
        object = handler;
    }
    Err(ChainError::TooLong)
}

/// Follows `object[key] = v` through `__newindex` tables until a table to
/// store into, a handler function to call, or an error. A table's
/// `__newindex` applies only when `key` is absent from it.
pub fn walk_new_index<'gc>(
    ctx: Context<'gc>,
    mut object: Value<'gc>,
    key: Value<'gc>,
) -> Result<NewIndexStep<'gc>, ChainError<'gc>> {
    for step in 0..MAX_TAG_LOOP {
        let handler = match object {
            Value::Table(t) => {
                let handler = t
                    .metatable()
                    .map_or(Value::Nil, |mt| event_in(ctx, mt, MetaEvent::NewIndex));
                if handler.is_nil() || !t.get(ctx.mc, key).is_nil() {
                    return Ok(NewIndexStep::Raw(t));
                }
                handler
            }
            _ => handler_of(ctx, object, MetaEvent::NewIndex, step)?,
        };
        if handler.as_function().is_some() {
            return Ok(NewIndexStep::Call { handler, object });
        }
        object = handler;
    }
    Err(ChainError::TooLong)
}

/// The `event` handler of a value that is not a table, at `step` of a walk.
fn handler_of<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    event: MetaEvent,
    step: usize,
) -> Result<Value<'gc>, ChainError<'gc>> {
    let handler = metamethod(ctx, object, event);
    if handler.is_nil() {
        return Err(ChainError::NotIndexable {
            object,
            first: step == 0,
        });
    }
    Ok(handler)
}
