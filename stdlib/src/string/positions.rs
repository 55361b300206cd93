//! String positions as the string functions take them: 1-based, negative
//! ones counting back from the end (`-1` is the last byte), clipped to the
//! string (PUC's `posrelatI` and `getendpos`).

/// A start position as a 1-based index clipped to `[1, ∞)`: `0` and
/// positions before the beginning mean the first byte.
pub fn start_position(pos: i64, len: usize) -> usize {
    if pos > 0 {
        usize::try_from(pos).unwrap_or(usize::MAX)
    } else if pos == 0 || pos.unsigned_abs() > len as u64 {
        1
    } else {
        len - pos.unsigned_abs() as usize + 1
    }
}

/// An end position as a 1-based index clipped to `[0, len]`: positions past
/// the end mean the last byte, positions before the beginning mean "none".
pub fn end_position(pos: i64, len: usize) -> usize {
    if pos >= 0 {
        usize::try_from(pos).map_or(len, |p| p.min(len))
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len - pos.unsigned_abs() as usize + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_positions_clip_to_one() {
        assert_eq!(start_position(2, 5), 2);
        assert_eq!(start_position(0, 5), 1);
        assert_eq!(start_position(-1, 5), 5);
        assert_eq!(start_position(-5, 5), 1);
        assert_eq!(start_position(-6, 5), 1);
        assert_eq!(start_position(i64::MIN, 5), 1);
        assert_eq!(start_position(9, 5), 9);
    }

    #[test]
    fn end_positions_clip_to_the_string() {
        assert_eq!(end_position(3, 5), 3);
        assert_eq!(end_position(9, 5), 5);
        assert_eq!(end_position(i64::MAX, 5), 5);
        assert_eq!(end_position(0, 5), 0);
        assert_eq!(end_position(-1, 5), 5);
        assert_eq!(end_position(-5, 5), 1);
        assert_eq!(end_position(-6, 5), 0);
        assert_eq!(end_position(i64::MIN, 0), 0);
    }
}
