//! Converting any value to text, as `tostring` and `print` do (PUC's
//! `luaL_tolstring`), shared with the libraries that format values
//! (`string.format("%s")`, ...).
//!
//! A `__tostring` metamethod may be a Lua function, so the conversion is in
//! two halves: [`start`] either has the text at once or names the
//! metamethod to call; the caller asks the executor for that call (so the
//! metamethod may even yield) and hands the result to [`finish`].

use saturn_vm::executor::Error;
use saturn_vm::meta::{MetaEvent, metamethod};
use saturn_vm::state::Context;
use saturn_vm::string::LuaString;
use saturn_vm::value::Value;

use crate::args::to_string_coerced;

/// The first step of converting a value to text.
pub enum Conversion<'gc> {
    /// The text, with no metamethod involved.
    Done(LuaString<'gc>),
    /// Call this `__tostring` metamethod with the value, then [`finish`].
    CallMetamethod(Value<'gc>),
}

/// Starts converting `value`: `__tostring` wins; otherwise numbers,
/// strings, booleans and nil print as themselves, and other values as
/// `type: 0x...`, where `__name` (a string) replaces the type.
pub fn start<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> Conversion<'gc> {
    let handler = metamethod(ctx, value, MetaEvent::ToString);
    if !handler.is_nil() {
        return Conversion::CallMetamethod(handler);
    }
    Conversion::Done(plain_text(ctx, value))
}

/// Checks what `__tostring` returned: it must be a string (a number is
/// accepted and converted, as PUC's `lua_isstring` allows).
pub fn finish<'gc>(ctx: Context<'gc>, result: Value<'gc>) -> Result<LuaString<'gc>, Error<'gc>> {
    to_string_coerced(ctx, result)
        .ok_or_else(|| Error::runtime("'__tostring' must return a string"))
}

/// The text of a value without `__tostring` (but with `__name`).
pub fn plain_text<'gc>(ctx: Context<'gc>, value: Value<'gc>) -> LuaString<'gc> {
    match value {
        Value::Nil
        | Value::Boolean(_)
        | Value::Integer(_)
        | Value::Number(_)
        | Value::String(_) => ctx.to_display_string(value),
        _ => match metamethod(ctx, value, MetaEvent::Name) {
            Value::String(name) => {
                let mut text = name.as_bytes().to_vec();
                text.extend_from_slice(b": ");
                text.extend_from_slice(address_of(value).as_bytes());
                ctx.intern(&text)
            }
            _ => ctx.to_display_string(value),
        },
    }
}

/// The `0x...` part of an object's text.
fn address_of(value: Value<'_>) -> String {
    let text = value.to_display_bytes();
    let text = String::from_utf8_lossy(&text);
    match text.split_once(": ") {
        Some((_, address)) => address.to_string(),
        None => text.into_owned(),
    }
}
