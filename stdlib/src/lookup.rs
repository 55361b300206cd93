//! Indexing a value the way the `t[k]` operator does (`lua_geti`,
//! `lua_getfield`), for library functions such as `ipairs` that must honour
//! `__index`.
//!
//! The walk along `__index` chains is the interpreter's own
//! ([`walk_index`]); when it reaches a function, the caller asks the
//! executor to call it (so a Lua handler may yield) and takes its first
//! result.

use saturn_vm::executor::Error;
use saturn_vm::meta::{ChainError, IndexStep, type_name_for_error, walk_index};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

/// Where an indexing operation ends up.
pub enum Lookup<'gc> {
    /// The value, found without calling anything.
    Found(Value<'gc>),
    /// Call `handler(object, key)`; its first result is the value.
    CallHandler {
        handler: Value<'gc>,
        object: Value<'gc>,
    },
}

/// Starts `object[key]`. Indexing a value that has neither fields nor
/// `__index` is an error, worded as the interpreter words it.
pub fn index<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    key: Value<'gc>,
) -> Result<Lookup<'gc>, Error<'gc>> {
    match walk_index(ctx, object, key, false) {
        Ok(IndexStep::Value(value)) => Ok(Lookup::Found(value)),
        Ok(IndexStep::Call { handler, object }) => Ok(Lookup::CallHandler { handler, object }),
        Err(ChainError::NotIndexable { object, .. }) => {
            let message = format!(
                "attempt to index a {} value",
                type_name_for_error(ctx, object)
            );
            Err(Error::Value(ctx.str(&message)))
        }
        Err(ChainError::TooLong) => Err(Error::Value(
            ctx.str("'__index' chain too long; possible loop"),
        )),
    }
}
