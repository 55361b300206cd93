//! Finding modules: `package.searchpath` and the searchers of
//! `package.searchers`.
//!
//! Each searcher is called by `require` with the module name. It returns a
//! loader and the data passed to it (for files, the file name), or a
//! message saying why it found nothing (`require` collects them), or
//! nothing at all.

use saturn_vm::closure::NativeFn;
use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::state::Context;
use saturn_vm::value::Value;

use super::{NO_DYNAMIC_LIBRARIES, preload_table};
use crate::args::{check_string, opt_string, to_string_coerced};
use crate::base::load::{load_chunk, read_source_file};
use crate::io::path::{c_name, to_path};
use crate::results::return_values;

/// `package.searchers`, in PUC's order.
pub const SEARCHERS: [NativeFn; 4] = [search_preload, search_lua, search_c, search_c_root];

/// Every occurrence of `pattern` in `s` replaced by `with` (`luaL_gsub`).
fn replace_all(s: &[u8], pattern: &[u8], with: &[u8]) -> Vec<u8> {
    if pattern.is_empty() {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.windows(pattern.len()).position(|w| w == pattern) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(with);
        rest = &rest[at + pattern.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// PUC's `searchpath`: the first readable file among the `;`-separated
/// templates of `path`, each `?` replaced by `name` (in which `sep` is
/// first replaced by `dirsep`). Otherwise the list of files tried, as
/// `no file 'a'\n\tno file 'b'`.
pub fn search_path(
    name: &[u8],
    path: &[u8],
    sep: &[u8],
    dirsep: &[u8],
) -> Result<Vec<u8>, Vec<u8>> {
    let (mut name, path, sep, dirsep) = (c_name(name), c_name(path), c_name(sep), c_name(dirsep));
    let replaced;
    if !sep.is_empty() && name.contains(&sep[0]) {
        replaced = replace_all(name, sep, dirsep);
        name = &replaced;
    }
    let files = replace_all(path, b"?", name);
    for file in files.split(|&b| b == b';') {
        if std::fs::File::open(to_path(file)).is_ok() {
            return Ok(file.to_vec());
        }
    }
    let mut message = b"no file '".to_vec();
    message.extend_from_slice(&replace_all(&files, b";", b"'\n\tno file '"));
    message.push(b'\'');
    Err(message)
}

/// `package.searchpath(name, path [, sep [, rep]])`.
pub fn searchpath<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    // PUC checks these as arguments of one C call, which its usual
    // compilers evaluate last to first: the last bad argument is reported.
    let dirsep = opt_string(ctx, call, 4)?;
    let sep = opt_string(ctx, call, 3)?;
    let path = check_string(ctx, call, 2)?;
    let name = check_string(ctx, call, 1)?;
    let found = search_path(
        name.as_bytes(),
        path.as_bytes(),
        sep.as_ref().map_or(b".", |s| s.as_bytes()),
        dirsep.as_ref().map_or(b"/", |s| s.as_bytes()),
    );
    match found {
        Ok(file) => return_values(call, [Value::String(ctx.intern(&file))]),
        Err(message) => return_values(call, [Value::Nil, Value::String(ctx.intern(&message))]),
    }
}

/// Searches `package[field]` (the searcher's upvalue is `package`).
fn find_file<'gc>(
    ctx: Context<'gc>,
    call: &Call<'gc, '_>,
    name: &[u8],
    field: &str,
) -> Result<Result<Vec<u8>, Vec<u8>>, Error<'gc>> {
    let path = match call.upvalue(0) {
        Value::Table(package) => package.get_str(ctx.mc, ctx.intern(field.as_bytes())),
        _ => Value::Nil,
    };
    let Some(path) = to_string_coerced(ctx, path) else {
        return Err(Error::Runtime(
            format!("'package.{field}' must be a string").into_bytes(),
        ));
    };
    Ok(search_path(name, path.as_bytes(), b".", b"/"))
}

/// PUC's `checkload` failure: a found file that did not load.
fn load_error<'gc>(name: &[u8], file: &[u8], why: &[u8]) -> Error<'gc> {
    let mut message = b"error loading module '".to_vec();
    message.extend_from_slice(name);
    message.extend_from_slice(b"' from file '");
    message.extend_from_slice(file);
    message.extend_from_slice(b"':\n\t");
    message.extend_from_slice(why);
    Error::Runtime(message)
}

fn return_message<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    message: &[u8],
) -> Result<Action<'gc>, Error<'gc>> {
    return_values(call, [Value::String(ctx.intern(message))])
}

/// `package.preload[name]`, with `":preload:"` as loader data.
fn search_preload<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    match preload_table(ctx).get_str(ctx.mc, name) {
        Value::Nil => {
            let mut message = b"no field package.preload['".to_vec();
            message.extend_from_slice(c_name(name.as_bytes()));
            message.extend_from_slice(b"']");
            return_message(ctx, call, &message)
        }
        loader => return_values(call, [loader, ctx.str(":preload:")]),
    }
}

/// A Lua file found in `package.path`, loaded as a chunk.
fn search_lua<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    let file = match find_file(ctx, call, name.as_bytes(), "path")? {
        Ok(file) => file,
        Err(message) => return return_message(ctx, call, &message),
    };
    let loaded = read_source_file(Some(&file))
        .and_then(|(text, chunkname)| load_chunk(ctx, &text, &chunkname, b"bt", None));
    match loaded {
        Ok(loader) => return_values(call, [loader, Value::String(ctx.intern(&file))]),
        Err(why) => Err(load_error(c_name(name.as_bytes()), &file, &why)),
    }
}

/// A C library found in `package.cpath`: found, but Saturn cannot load it.
fn search_c<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    match find_file(ctx, call, name.as_bytes(), "cpath")? {
        Ok(file) => Err(load_error(
            c_name(name.as_bytes()),
            &file,
            NO_DYNAMIC_LIBRARIES,
        )),
        Err(message) => return_message(ctx, call, &message),
    }
}

/// For `a.b.c`, a C library `a` in `package.cpath` that would open all
/// its submodules: found, but Saturn cannot load it. A name without a dot
/// gives nothing.
fn search_c_root<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let name = check_string(ctx, call, 1)?;
    let bytes = c_name(name.as_bytes());
    let Some(dot) = bytes.iter().position(|&b| b == b'.') else {
        return return_values(call, []);
    };
    match find_file(ctx, call, &bytes[..dot], "cpath")? {
        Ok(file) => Err(load_error(
            c_name(name.as_bytes()),
            &file,
            NO_DYNAMIC_LIBRARIES,
        )),
        Err(message) => return_message(ctx, call, &message),
    }
}

#[cfg(test)]
mod tests {
    use super::replace_all;

    #[test]
    fn replacing_every_occurrence() {
        assert_eq!(replace_all(b"a.b.c", b".", b"/"), b"a/b/c");
        assert_eq!(replace_all(b"---xX", b"---", b"XX"), b"XXxX");
        assert_eq!(replace_all(b"??", b"?", b"ab"), b"abab");
        assert_eq!(replace_all(b"", b"?", b"ab"), b"");
        assert_eq!(replace_all(b"abc", b"", b"x"), b"abc");
    }
}
