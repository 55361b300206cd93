//! The proleptic Gregorian calendar: broken-down times (C's `struct tm`)
//! from seconds since the epoch and back, with `mktime`'s normalisation
//! of out-of-range fields.

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// A broken-down time, as C's `struct tm` holds it: `year` counts from
/// 1900, `month` from 0, `yday` from 0, `wday` from Sunday = 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenDown {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    pub wday: i64,
    pub yday: i64,
    /// Daylight saving time in effect (`tm_isdst`).
    pub isdst: bool,
    /// Seconds east of UTC (`tm_gmtoff`), for `%z`.
    pub utc_offset: i64,
    /// The zone's abbreviation (`tm_zone`), for `%Z`.
    pub zone: String,
}

pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_year(year: i64) -> i64 {
    if is_leap(year) { 366 } else { 365 }
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 => {
            if is_leap(year) {
                29
            } else {
                28
            }
        }
        3 | 5 | 8 | 10 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to `year`-`month`(1..=12)-`day`(1..=31).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date (`year`, `month` 1..=12, `day` 1..=31) `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The broken-down UTC time of `t` shifted by `utc_offset` seconds, or
/// `None` when its year does not fit C's `int` (C's `gmtime` fails then).
pub fn broken_down(t: i64, utc_offset: i64, isdst: bool, zone: &str) -> Option<BrokenDown> {
    let local = t.checked_add(utc_offset)?;
    let days = local.div_euclid(DAY);
    let secs = local.rem_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    let tm_year = year - 1900;
    if i32::try_from(tm_year).is_err() {
        return None;
    }
    Some(BrokenDown {
        year: tm_year,
        month: month - 1,
        day,
        hour: secs / 3600,
        min: secs % 3600 / 60,
        sec: secs % 60,
        wday: (days + 4).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1),
        isdst,
        utc_offset,
        zone: zone.to_string(),
    })
}

/// The seconds since the epoch of the wall-clock time the fields name, as
/// if it were UTC, after `mktime`'s normalisation (month 13 is January of
/// the next year, second -1 the last of the previous minute, ...). The
/// fields are C `int`s, so no overflow is possible in `i64`.
pub fn wall_clock_seconds(year: i64, month: i64, day: i64, hour: i64, min: i64, sec: i64) -> i64 {
    let year = year + 1900 + month.div_euclid(12);
    let month = month.rem_euclid(12) + 1;
    let days = days_from_civil(year, month, 1) + day - 1;
    days * DAY + hour * 3600 + min * 60 + sec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips() {
        for days in [-1_000_000, -719_468, -1, 0, 1, 59, 365, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn broken_down_fields() {
        let tm = broken_down(951_782_400, 0, false, "GMT").unwrap();
        assert_eq!((tm.year, tm.month, tm.day), (100, 1, 29));
        assert_eq!((tm.wday, tm.yday), (2, 59));
        let tm = broken_down(-1, 0, false, "GMT").unwrap();
        assert_eq!(
            (tm.year, tm.month, tm.day, tm.hour, tm.sec),
            (69, 11, 31, 23, 59)
        );
        assert_eq!(tm.wday, 3);
    }

    #[test]
    fn years_past_int_are_refused() {
        assert!(broken_down(1 << 60, 0, false, "GMT").is_none());
    }

    #[test]
    fn normalisation() {
        // 2005-01-01 01:00:-3602 is 2004-12-31 23:59:58.
        let t = wall_clock_seconds(105, 0, 1, 1, 0, -3602);
        let tm = broken_down(t, 0, false, "").unwrap();
        assert_eq!(
            (tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec),
            (104, 11, 31, 23, 59, 58)
        );
        assert_eq!(tm.yday, 365);
        assert_eq!(wall_clock_seconds(70, 12, 1, 0, 0, 0), 365 * DAY);
        assert_eq!(wall_clock_seconds(70, -1, 1, 0, 0, 0), -31 * DAY);
    }
}
