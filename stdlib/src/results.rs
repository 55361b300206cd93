//! Shaping a native function's results: they are the top values of its
//! window (DESIGN §5), so returning means leaving exactly them there.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::value::Value;

/// Returns exactly `values`, replacing whatever the window held.
pub fn return_values<'gc>(
    call: &mut Call<'gc, '_>,
    values: impl IntoIterator<Item = Value<'gc>>,
) -> Result<Action<'gc>, Error<'gc>> {
    call.clear();
    call.extend(values)?;
    Ok(Action::Return(call.len()))
}

/// Returns one value, replacing whatever the window held.
pub fn return_one<'gc>(
    call: &mut Call<'gc, '_>,
    value: Value<'gc>,
) -> Result<Action<'gc>, Error<'gc>> {
    return_values(call, [value])
}
