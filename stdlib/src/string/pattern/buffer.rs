//! A growing byte buffer whose every growth is checked against the
//! state's memory limit (a `gsub` result can grow far beyond its inputs:
//! each match may add the whole replacement).

use saturn_vm::executor::Error;
use saturn_vm::state::Context;

/// The longest string a buffer builds: the longest `string.rep` builds
/// (PUC's `MAXSIZE`). Longer is "not enough memory", the error PUC's own
/// buffer runs into first on most machines.
const MAX_LEN: usize = i32::MAX as usize;

/// The first capacity given to an empty buffer.
const MIN_CAPACITY: usize = 64;

/// Appends `bytes` to `buffer`, growing it through
/// [`Context::string_buffer`] so that a refused allocation is a Lua
/// "not enough memory" error rather than an abort.
pub fn append<'gc>(
    ctx: Context<'gc>,
    buffer: &mut Vec<u8>,
    bytes: &[u8],
) -> Result<(), Error<'gc>> {
    let needed = buffer.len().saturating_add(bytes.len());
    if needed > buffer.capacity() {
        if needed > MAX_LEN {
            return Err(Error::Value(ctx.str("not enough memory")));
        }
        let capacity = needed
            .max(buffer.capacity().saturating_mul(2))
            .clamp(MIN_CAPACITY, MAX_LEN);
        let mut grown = ctx.string_buffer(capacity)?;
        grown.extend_from_slice(buffer);
        *buffer = grown;
    }
    buffer.extend_from_slice(bytes);
    Ok(())
}
