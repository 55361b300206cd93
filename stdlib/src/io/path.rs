//! File names from Lua strings, and fresh temporary files.

use std::collections::hash_map::RandomState;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::PathBuf;

/// The part of a Lua string C sees as a file name: the bytes before the
/// first NUL (C strings end there).
pub fn c_name(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|&b| b == 0) {
        Some(end) => &bytes[..end],
        None => bytes,
    }
}

/// A path from a file name given by Lua (the bytes up to a NUL).
pub fn to_path(bytes: &[u8]) -> PathBuf {
    let name = c_name(bytes);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(name))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(name).into_owned())
    }
}

/// The bytes of an OS string (a path, an environment variable), for
/// handing it to Lua.
pub fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        s.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy().into_owned().into_bytes()
    }
}

/// How many names to try before giving up, as `mkstemp` gives up.
const ATTEMPTS: usize = 100;

/// Six random letters and digits, like the `XXXXXX` of `mkstemp`.
fn random_suffix(attempt: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_usize(attempt);
    hasher.write_u32(std::process::id());
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    let mut bits = hasher.finish();
    (0..6)
        .map(|_| {
            let letter = ALPHABET[(bits % ALPHABET.len() as u64) as usize];
            bits /= ALPHABET.len() as u64;
            letter as char
        })
        .collect()
}

/// Creates a new file named `prefix` + six random characters, readable and
/// writable, failing only when no fresh name can be found or the directory
/// refuses (C's `mkstemp`).
pub fn create_unique(prefix: &str) -> io::Result<(PathBuf, File)> {
    let mut last_error = io::Error::from(io::ErrorKind::AlreadyExists);
    for attempt in 0..ATTEMPTS {
        let path = PathBuf::from(format!("{prefix}{}", random_suffix(attempt)));
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = error,
            Err(error) => return Err(error),
        }
    }
    Err(last_error)
}

/// The directory C's `tmpfile` and `tmpnam` use.
pub fn temp_dir() -> PathBuf {
    if cfg!(unix) {
        PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stop_at_nul() {
        assert_eq!(c_name(b"abc\0def"), b"abc");
        assert_eq!(c_name(b"abc"), b"abc");
    }

    #[test]
    fn unique_files_are_fresh() {
        let prefix = format!("{}/saturn_path_test_", temp_dir().display());
        let (a, _) = create_unique(&prefix).unwrap();
        let (b, _) = create_unique(&prefix).unwrap();
        assert_ne!(a, b);
        std::fs::remove_file(a).unwrap();
        std::fs::remove_file(b).unwrap();
    }
}
