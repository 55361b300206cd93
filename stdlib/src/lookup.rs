//! Indexing a value the way the `t[k]` operator does (`lua_geti`,
//! `lua_getfield`), for library functions such as `ipairs` that must honour
//! `__index`.
//!
//! `__index` chains of tables are followed here; when the chain reaches a
//! function, the caller asks the executor to call it (so a Lua handler may
//! yield) and takes its first result.

use saturn_vm::executor::Error;
use saturn_vm::meta::{MetaEvent, metamethod, type_name_for_error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

/// PUC's `MAXTAGLOOP`: longer `__index` chains are taken for loops.
const MAX_CHAIN: usize = 2000;

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
    let mut object = object;
    for _ in 0..MAX_CHAIN {
        let handler = match object {
            Value::Table(table) => {
                let value = table.get(ctx.mc, key);
                if !value.is_nil() {
                    return Ok(Lookup::Found(value));
                }
                let handler = metamethod(ctx, object, MetaEvent::Index);
                if handler.is_nil() {
                    return Ok(Lookup::Found(Value::Nil));
                }
                handler
            }
            _ => {
                let handler = metamethod(ctx, object, MetaEvent::Index);
                if handler.is_nil() {
                    let message = format!(
                        "attempt to index a {} value",
                        type_name_for_error(ctx, object)
                    );
                    return Err(Error::Value(ctx.str(&message)));
                }
                handler
            }
        };
        if handler.as_function().is_some() {
            return Ok(Lookup::CallHandler { handler, object });
        }
        object = handler;
    }
    Err(Error::Value(
        ctx.str("'__index' chain too long; possible loop"),
    ))
}
