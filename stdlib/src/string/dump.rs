//! `string.dump`: a Lua function as a binary chunk (see `saturn_vm::chunk`).

use saturn_vm::chunk;
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::check_function;
use crate::results::return_one;

/// `string.dump(f [, strip])`. Upvalues are not saved: a loaded function
/// gets fresh ones (nil, but the first is set to the environment by
/// `load`).
pub fn dump<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let strip = !call.get(1).is_falsy();
    let Value::LuaFunction(closure) = check_function(ctx, call, 1)? else {
        return Err(Error::Runtime(b"unable to dump given function".to_vec()));
    };
    let bytes = chunk::dump(&closure.proto.proto, strip);
    return_one(call, Value::String(ctx.intern(&bytes)))
}
