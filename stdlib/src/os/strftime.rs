//! `os.date`'s conversions: C99 `strftime` in the C locale, as glibc
//! prints them (years and centuries without padding, negative years with
//! a sign), and the list of specifiers Lua 5.4 accepts.

use super::calendar::{BrokenDown, days_in_year};

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One-letter conversions (`LUA_STRFTIMEOPTIONS` for C99).
const SINGLE: &[u8] = b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";

/// Two-letter conversions: the `E` and `O` modifiers.
const DOUBLE: &[&[u8; 2]] = &[
    b"Ec", b"EC", b"Ex", b"EX", b"Ey", b"EY", b"Od", b"Oe", b"OH", b"OI", b"Om", b"OM", b"OS",
    b"Ou", b"OU", b"OV", b"Ow", b"OW", b"Oy",
];

/// The length of the valid conversion specifier at the start of `rest`
/// (what follows a `%`), or `None` when it is not one.
pub fn specifier_len(rest: &[u8]) -> Option<usize> {
    let first = *rest.first()?;
    if SINGLE.contains(&first) {
        return Some(1);
    }
    let pair = rest.get(..2)?;
    DOUBLE.iter().any(|d| &d[..] == pair).then_some(2)
}

fn push_padded(out: &mut Vec<u8>, value: i64, width: usize, pad: char) {
    let text = if pad == '0' {
        format!("{value:0width$}")
    } else {
        format!("{value:width$}")
    };
    out.extend_from_slice(text.as_bytes());
}

/// The ISO 8601 week-based year and week number (1..=53) of `tm`.
fn iso_week(tm: &BrokenDown) -> (i64, i64) {
    // Days since the Monday starting ISO week 1 of the year (whose week
    // holds the year's first Thursday), for a day `yday` of weekday `wday`.
    let week_days = |yday: i64, wday: i64| -> i64 {
        let monday_offset = (yday - wday + 4 + 378).rem_euclid(7);
        yday - monday_offset + 3
    };
    let year = tm.year + 1900;
    let days = week_days(tm.yday, tm.wday);
    if days < 0 {
        let previous = year - 1;
        let days = week_days(tm.yday + days_in_year(previous), tm.wday);
        return (previous, days / 7 + 1);
    }
    let next_days = week_days(tm.yday - days_in_year(year), tm.wday);
    if next_days >= 0 {
        return (year + 1, next_days / 7 + 1);
    }
    (year, days / 7 + 1)
}

/// Appends the conversion `spec` (one letter, or a modifier and a letter;
/// the modifiers change nothing in the C locale) of `tm` to `out`.
pub fn convert(out: &mut Vec<u8>, spec: &[u8], tm: &BrokenDown) {
    let letter = *spec.last().unwrap_or(&b'%');
    // glibc adds 1900 to the `int` year in `int` arithmetic, wrapping at
    // the largest year `gmtime` accepts.
    let year = i64::from((tm.year as i32).wrapping_add(1900));
    let hour12 = match tm.hour % 12 {
        0 => 12,
        h => h,
    };
    match letter {
        b'a' => out.extend_from_slice(&WEEKDAYS[tm.wday as usize % 7].as_bytes()[..3]),
        b'A' => out.extend_from_slice(WEEKDAYS[tm.wday as usize % 7].as_bytes()),
        b'b' | b'h' => out.extend_from_slice(&MONTHS[tm.month as usize % 12].as_bytes()[..3]),
        b'B' => out.extend_from_slice(MONTHS[tm.month as usize % 12].as_bytes()),
        b'c' => expand(out, b"%a %b %e %T %Y", tm),
        b'C' => out.extend_from_slice(year.div_euclid(100).to_string().as_bytes()),
        b'd' => push_padded(out, tm.day, 2, '0'),
        b'D' | b'x' => expand(out, b"%m/%d/%y", tm),
        b'e' => push_padded(out, tm.day, 2, ' '),
        b'F' => expand(out, b"%Y-%m-%d", tm),
        b'g' => push_padded(out, iso_week(tm).0.rem_euclid(100), 2, '0'),
        b'G' => out.extend_from_slice(iso_week(tm).0.to_string().as_bytes()),
        b'H' => push_padded(out, tm.hour, 2, '0'),
        b'I' => push_padded(out, hour12, 2, '0'),
        b'j' => push_padded(out, tm.yday + 1, 3, '0'),
        b'm' => push_padded(out, tm.month + 1, 2, '0'),
        b'M' => push_padded(out, tm.min, 2, '0'),
        b'n' => out.push(b'\n'),
        b'p' => out.extend_from_slice(if tm.hour < 12 { b"AM" } else { b"PM" }),
        b'r' => expand(out, b"%I:%M:%S %p", tm),
        b'R' => expand(out, b"%H:%M", tm),
        b'S' => push_padded(out, tm.sec, 2, '0'),
        b't' => out.push(b'\t'),
        b'T' | b'X' => expand(out, b"%H:%M:%S", tm),
        b'u' => push_padded(out, if tm.wday == 0 { 7 } else { tm.wday }, 1, '0'),
        b'U' => push_padded(out, (tm.yday + 7 - tm.wday) / 7, 2, '0'),
        b'V' => push_padded(out, iso_week(tm).1, 2, '0'),
        b'w' => push_padded(out, tm.wday, 1, '0'),
        b'W' => push_padded(out, (tm.yday + 7 - (tm.wday + 6) % 7) / 7, 2, '0'),
        b'y' => push_padded(out, year.rem_euclid(100), 2, '0'),
        b'Y' => out.extend_from_slice(year.to_string().as_bytes()),
        b'z' => {
            let offset = tm.utc_offset;
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.abs() / 60;
            let text = format!("{sign}{:02}{:02}", minutes / 60, minutes % 60);
            out.extend_from_slice(text.as_bytes());
        }
        b'Z' => out.extend_from_slice(tm.zone.as_bytes()),
        _ => out.push(b'%'),
    }
}

/// Appends a composite conversion, written as the C standard defines it
/// (`%D` is `%m/%d/%y`): its one-letter conversions and the bytes between.
fn expand(out: &mut Vec<u8>, format: &[u8], tm: &BrokenDown) {
    let mut bytes = format.iter();
    while let Some(&byte) = bytes.next() {
        match byte {
            b'%' => convert(
                out,
                bytes.next().map(std::slice::from_ref).unwrap_or(b"%"),
                tm,
            ),
            _ => out.push(byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::calendar::broken_down;
    use super::*;

    /// `specs` is a space-separated list of conversions.
    fn format(specs: &str, t: i64) -> String {
        let tm = broken_down(t, 0, false, "GMT").unwrap();
        let mut out = Vec::new();
        for (i, spec) in specs.split(' ').enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            convert(&mut out, spec.as_bytes(), &tm);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn composite_conversions() {
        assert_eq!(format("c", 0), "Thu Jan  1 00:00:00 1970");
        assert_eq!(format("r", 13 * 3600), "01:00:00 PM");
        assert_eq!(format("F", 951_782_400), "2000-02-29");
    }

    #[test]
    fn iso_weeks_at_year_ends() {
        // 2021-01-03 (Sunday) belongs to week 53 of 2020.
        assert_eq!(format("G V", 1_609_632_000), "2020 53");
        // 2024-12-30 (Monday) starts week 1 of 2025.
        assert_eq!(format("G V", 1_735_516_800), "2025 01");
    }

    #[test]
    fn specifiers() {
        assert_eq!(specifier_len(b"Y-"), Some(1));
        assert_eq!(specifier_len(b"Ey"), Some(2));
        assert_eq!(specifier_len(b"Ez"), None);
        assert_eq!(specifier_len(b"O"), None);
        assert_eq!(specifier_len(b""), None);
    }
}
