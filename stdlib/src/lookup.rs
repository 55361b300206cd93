//! Indexing a value the way the `t[k]` operator does (`lua_geti`,
//! `lua_getfield`), and assigning to it as `t[k] = v` does (`lua_seti`,
//! `lua_setfield`), for library functions such as `ipairs` that must honour
//! `__index` and `__newindex`.
//!
//! The walk along `__index` chains is the interpreter's own
//! ([`walk_index`]); when it reaches a function, the caller asks the
//! executor to call it (so a Lua handler may yield) and takes its first
//! result.

use saturn_vm::executor::Error;
use saturn_vm::meta::{
    ChainError, IndexStep, NewIndexStep, type_name_for_error, walk_index, walk_new_index,
};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
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
        Err(error) => Err(chain_error(ctx, error, "__index")),
    }
}

/// Where an assignment ends up.
pub enum Assignment<'gc> {
    /// Store the value in this table, raw.
    Raw(Table<'gc>),
    /// Call `handler(object, key, value)`.
    CallHandler {
        handler: Value<'gc>,
        object: Value<'gc>,
    },
}

/// Starts `object[key] = value`, with the interpreter's errors for a value
/// that cannot be indexed and for an endless `__newindex` chain.
pub fn assign<'gc>(
    ctx: Context<'gc>,
    object: Value<'gc>,
    key: Value<'gc>,
) -> Result<Assignment<'gc>, Error<'gc>> {
    match walk_new_index(ctx, object, key) {
        Ok(NewIndexStep::Raw(table)) => Ok(Assignment::Raw(table)),
        Ok(NewIndexStep::Call { handler, object }) => {
            Ok(Assignment::CallHandler { handler, object })
        }
        Err(error) => Err(chain_error(ctx, error, "__newindex")),
    }
}

/// The interpreter's words for a walk along `event` chains that failed.
fn chain_error<'gc>(ctx: Context<'gc>, error: ChainError<'gc>, event: &str) -> Error<'gc> {
    let message = match error {
        ChainError::NotIndexable { object, .. } => format!(
            "attempt to index a {} value",
            type_name_for_error(ctx, object)
        ),
        ChainError::TooLong => format!("'{event}' chain too long; possible loop"),
    };
    Error::Value(ctx.str(&message))
}
