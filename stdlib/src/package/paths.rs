//! `package.path` and `package.cpath` (PUC's `setpath`).

use crate::io::path::os_bytes;

/// PUC's `LUA_PATH_DEFAULT` on POSIX systems.
pub const DEFAULT_PATH: &[u8] =
    b"/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;\
/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua";

/// PUC's `LUA_CPATH_DEFAULT` on POSIX systems.
pub const DEFAULT_CPATH: &[u8] =
    b"/usr/local/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";

/// The path from `VAR_5_4`, else `VAR`, else `default`; a `;;` in the
/// variable stands for the default path. `no_env` (the command line's
/// `-E`) ignores the environment.
pub fn path(var: &str, default: &[u8], no_env: bool) -> Vec<u8> {
    let value = std::env::var_os(format!("{var}_5_4")).or_else(|| std::env::var_os(var));
    match value {
        Some(value) if !no_env => with_default(&os_bytes(&value), default),
        _ => default.to_vec(),
    }
}

/// Replaces the first `;;` of `path` by `;default;` (without a separator
/// at either end when nothing is on that side).
fn with_default(path: &[u8], default: &[u8]) -> Vec<u8> {
    let Some(mark) = path.windows(2).position(|w| w == b";;") else {
        return path.to_vec();
    };
    let (prefix, suffix) = (&path[..mark], &path[mark + 2..]);
    let mut out = Vec::with_capacity(path.len() + default.len() + 2);
    if !prefix.is_empty() {
        out.extend_from_slice(prefix);
        out.push(b';');
    }
    out.extend_from_slice(default);
    if !suffix.is_empty() {
        out.push(b';');
        out.extend_from_slice(suffix);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_default;

    #[test]
    fn double_semicolons_stand_for_the_default() {
        assert_eq!(with_default(b"a;;b", b"D"), b"a;D;b");
        assert_eq!(with_default(b";;", b"D"), b"D");
        assert_eq!(with_default(b"a;;", b"D"), b"a;D");
        assert_eq!(with_default(b";;b;;c", b"D"), b"D;b;;c");
        assert_eq!(with_default(b"a;b", b"D"), b"a;b");
    }
}
