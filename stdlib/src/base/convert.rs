//! `type`, `tonumber` and `tostring`.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::number::{Number, str_to_int_base, str_to_number};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use crate::args::{arg_error, check_any, check_integer, is_none_or_nil, type_error};
use crate::results::return_one;
use crate::tostring::{self, Conversion};

/// `type(v)`: the basic type name.
pub fn type_<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if call.is_empty() {
        return Err(arg_error(ctx, call, 1, "value expected"));
    }
    let name = call.get(0).type_name();
    return_one(call, ctx.str(name))
}

fn number_value<'gc>(n: Number) -> Value<'gc> {
    match n {
        Number::Int(i) => Value::Integer(i),
        Number::Float(f) => Value::Number(f),
    }
}

/// `tonumber(v [, base])`: numbers unchanged, numerals converted, `fail`
/// (nil) for anything else. With a base (2..36) the argument must be a
/// string of digits of that base, read as an integer.
pub fn tonumber<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let result = if is_none_or_nil(call, 2) {
        match call.get(0) {
            v @ (Value::Integer(_) | Value::Number(_)) => v,
            Value::String(s) => str_to_number(s.as_bytes()).map_or(Value::Nil, number_value),
            _ => {
                check_any(ctx, call, 1)?;
                Value::Nil
            }
        }
    } else {
        let base = check_integer(ctx, call, 2)?;
        let Value::String(digits) = call.get(0) else {
            return Err(type_error(ctx, call, 1, "string"));
        };
        if !(2..=36).contains(&base) {
            return Err(arg_error(ctx, call, 2, "base out of range"));
        }
        str_to_int_base(digits.as_bytes(), base as u32).map_or(Value::Nil, Value::Integer)
    };
    return_one(call, result)
}

/// `tostring(v)`: `__tostring` (which may be a Lua function, even one that
/// yields), else the plain text of the value.
pub fn tostring<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let value = check_any(ctx, call, 1)?;
    match tostring::start(ctx, value) {
        Conversion::Done(text) => return_one(call, Value::String(text)),
        Conversion::CallMetamethod(handler) => {
            call.clear();
            call.push(handler)?;
            call.push(value)?;
            Ok(Action::Call {
                nargs: 1,
                then: Continuation::new(tostring_finish, 0),
            })
        }
    }
}

/// After `__tostring` returned: its first result must be a string.
fn tostring_finish<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    _: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let text = tostring::finish(ctx, call.get(0))?;
    return_one(call, Value::String(text))
}
