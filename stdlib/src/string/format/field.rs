//! Laying out one converted item in its field, as `printf` does: the item
//! is a prefix (sign, `0x`), then digits or text; the width pads it with
//! spaces on the left, on the right (`-`), or with zeros between the
//! prefix and the digits (`0`, when the conversion allows it).

use saturn_vm::number::FormatFlags;

/// Appends `prefix` and `body` padded to `flags.width`. `zero_pad` says
/// whether the `0` flag applies (it is ignored with `-`).
pub fn push_field(
    out: &mut Vec<u8>,
    prefix: &[u8],
    body: &[u8],
    flags: FormatFlags,
    zero_pad: bool,
) {
    let fill = flags.width.saturating_sub(prefix.len() + body.len());
    if flags.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if zero_pad && flags.zero {
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(prefix: &str, body: &str, width: usize, left: bool, zero: bool) -> String {
        let flags = FormatFlags {
            left,
            zero,
            width,
            ..FormatFlags::default()
        };
        let mut out = Vec::new();
        push_field(&mut out, prefix.as_bytes(), body.as_bytes(), flags, true);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn width_pads_on_the_chosen_side() {
        assert_eq!(field("-", "12", 6, false, false), "   -12");
        assert_eq!(field("-", "12", 6, true, false), "-12   ");
        assert_eq!(field("-", "12", 6, false, true), "-00012");
        assert_eq!(field("-", "12", 6, true, true), "-12   ");
        assert_eq!(field("0x", "ff", 2, false, true), "0xff");
    }
}
