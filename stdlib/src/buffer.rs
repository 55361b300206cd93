//! Growing a byte buffer with every growth checked against the state's
//! memory limit, for the functions whose result can grow far beyond their
//! inputs (`gsub`: each match may add the whole replacement; `concat`;
//! `format`'s `%s` and `%q`): a refused allocation must be a Lua "not
//! enough memory" error, not an abort.

use saturn_vm::executor::Error;
use saturn_vm::state::Context;

/// The longest string a buffer builds: the longest `string.rep` builds
/// (PUC's `MAXSIZE`). Longer is "not enough memory", the error PUC's own
/// buffer runs into first on most machines.
const MAX_LEN: usize = i32::MAX as usize;

/// Makes room for `extra` more bytes in `buffer` (as
/// [`Context::string_buffer`] does for a string of known size).
#[inline]
pub fn reserve<'gc>(
    ctx: Context<'gc>,
    buffer: &mut Vec<u8>,
    extra: usize,
) -> Result<(), Error<'gc>> {
    if buffer.capacity() - buffer.len() >= extra {
        return Ok(());
    }
    grow(ctx, buffer, extra)
}

/// [`reserve`] when the buffer is full: grows it by doubling, or by just
/// what is needed when doubling is refused.
#[inline(never)]
fn grow<'gc>(ctx: Context<'gc>, buffer: &mut Vec<u8>, extra: usize) -> Result<(), Error<'gc>> {
    let needed = buffer.len().saturating_add(extra);
    let refused = needed > MAX_LEN
        || ctx.state.account.would_exceed(needed)
        || (buffer.try_reserve(extra).is_err() && buffer.try_reserve_exact(extra).is_err());
    if refused {
        return Err(Error::Value(ctx.str("not enough memory")));
    }
    Ok(())
}

/// Appends `bytes` to `buffer`, growing it with [`reserve`].
#[inline]
pub fn append<'gc>(
    ctx: Context<'gc>,
    buffer: &mut Vec<u8>,
    bytes: &[u8],
) -> Result<(), Error<'gc>> {
    reserve(ctx, buffer, bytes.len())?;
    buffer.extend_from_slice(bytes);
    Ok(())
}
