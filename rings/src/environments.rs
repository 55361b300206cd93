//! The environments of `remotedostring` chunks, kept in the master.
//!
//! A slave names its environment by a key (its id); the master's registry
//! maps the key to the table `rings.new` was given. A missing entry (explicit
//! `nil`, or a slave made from Rust) means the master's globals.

use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

/// The registry field holding the table of environments.
const REGISTRY_KEY: &[u8] = b"rings environments";

fn table<'gc>(ctx: Context<'gc>) -> Table<'gc> {
    let key = ctx.intern(REGISTRY_KEY);
    match ctx.registry().get_str(ctx.mc, key) {
        Value::Table(t) => t,
        _ => {
            let t = ctx.new_table();
            ctx.registry().set_str(ctx.mc, key, Value::Table(t));
            t
        }
    }
}

/// Records `env` as the environment of slave `id` (nil removes it).
pub fn set<'gc>(ctx: Context<'gc>, id: i64, env: Value<'gc>) {
    table(ctx).set_int(ctx.mc, id, env);
}

/// The environment of slave `id`: `None` for the master's globals.
pub fn get<'gc>(ctx: Context<'gc>, id: i64) -> Option<Value<'gc>> {
    let env = table(ctx).get_int(ctx.mc, id);
    (!env.is_nil()).then_some(env)
}
