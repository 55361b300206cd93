//! Integers of 1 to 16 bytes in either byte order, as `string.pack` writes
//! and `string.unpack` reads them. Sizes above 8 bytes extend the 64-bit
//! value with its sign (signed) or zeros (unsigned) when packing, and must
//! hold only that extension when unpacking.

use super::options::MAX_INT_SIZE;

/// The `size` bytes of `value`; `negative` asks for sign extension beyond
/// 8 bytes.
pub fn encode(value: u64, size: usize, little: bool, negative: bool) -> [u8; MAX_INT_SIZE] {
    let mut bytes = [0u8; MAX_INT_SIZE];
    let extension = if negative { 0xff } else { 0 };
    for (i, byte) in bytes[..size].iter_mut().enumerate() {
        let significance = if little { i } else { size - 1 - i };
        *byte = match significance {
            0..8 => (value >> (8 * significance)) as u8,
            _ => extension,
        };
    }
    bytes
}

/// The integer in `bytes` (1 to 16 of them), sign-extended if `signed`;
/// `None` when it does not fit in 64 bits.
pub fn decode(bytes: &[u8], little: bool, signed: bool) -> Option<i64> {
    let size = bytes.len();
    let byte = |significance: usize| {
        bytes[if little {
            significance
        } else {
            size - 1 - significance
        }]
    };
    let kept = size.min(8);
    let mut value = 0u64;
    for significance in (0..kept).rev() {
        value = (value << 8) | u64::from(byte(significance));
    }
    if size < 8 {
        if signed {
            let sign = 1u64 << (8 * size - 1);
            value = (value ^ sign).wrapping_sub(sign);
        }
    } else {
        let extension = if signed && (value as i64) < 0 {
            0xff
        } else {
            0
        };
        if (8..size).any(|significance| byte(significance) != extension) {
            return None;
        }
    }
    Some(value as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_round_trip() {
        for size in 1..=16 {
            for little in [true, false] {
                let bytes = encode(-2i64 as u64, size, little, true);
                assert_eq!(decode(&bytes[..size], little, true), Some(-2), "{size}");
                let bytes = encode(0x7f, size, little, false);
                assert_eq!(decode(&bytes[..size], little, false), Some(0x7f));
            }
        }
        assert_eq!(&encode(0x0102, 3, false, false)[..3], &[0, 1, 2]);
        assert_eq!(&encode(0x0102, 3, true, false)[..3], &[2, 1, 0]);
        assert_eq!(decode(&[0xf0, 0xff], true, true), Some(-16));
        assert_eq!(decode(&[0xf0, 0xff], true, false), Some(0xfff0));
        // Beyond 8 bytes, only the extension of the sign may be there.
        let mut nine = [0u8; 9];
        nine[8] = 1;
        assert_eq!(decode(&nine, true, false), None);
        assert_eq!(decode(&[0xff; 9], true, true), Some(-1));
        assert_eq!(decode(&[0xff; 9], true, false), None);
    }
}
