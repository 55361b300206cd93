//! Operating-system errors in the shape C's `strerror` and `errno` give
//! them: Rust's `io::Error` displays as "No such file or directory (os
//! error 2)", Lua programs see "No such file or directory" and `2`.

use std::io;

/// The `strerror` text of `error`.
pub fn message(error: &io::Error) -> String {
    let text = error.to_string();
    match error.raw_os_error() {
        Some(code) => {
            let suffix = format!(" (os error {code})");
            match text.strip_suffix(&suffix) {
                Some(plain) => plain.to_string(),
                None => text,
            }
        }
        None => text,
    }
}

/// The `errno` value of `error` (0 when it has none).
pub fn code(error: &io::Error) -> i64 {
    error.raw_os_error().map_or(0, i64::from)
}

/// Linux's `ESPIPE`: the error of seeking on a stream that cannot seek.
const ILLEGAL_SEEK: i32 = 29;

/// The error C gives when seeking a pipe or a terminal.
pub fn illegal_seek() -> io::Error {
    io::Error::from_raw_os_error(ILLEGAL_SEEK)
}

/// Linux's `EBADF`: the error of reading a stream opened only for
/// writing, or writing one opened only for reading.
const BAD_DESCRIPTOR: i32 = 9;

/// The error C gives for an operation the stream was not opened for.
pub fn bad_descriptor() -> io::Error {
    io::Error::from_raw_os_error(BAD_DESCRIPTOR)
}

/// Linux's `EINVAL`: the error of seeking before the start of a file.
const INVALID_ARGUMENT: i32 = 22;

/// The error C gives for a seek to a negative position.
pub fn invalid_argument() -> io::Error {
    io::Error::from_raw_os_error(INVALID_ARGUMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_read_as_strerror() {
        let error = io::Error::from_raw_os_error(2);
        assert_eq!(message(&error), "No such file or directory");
        assert_eq!(code(&error), 2);
    }

    #[test]
    fn other_errors_keep_their_text() {
        let error = io::Error::other("broken");
        assert_eq!(message(&error), "broken");
        assert_eq!(code(&error), 0);
    }
}
