//! The local time zone, without libc: the TZif file named by `$TZ` (or
//! `/etc/localtime`), its POSIX-TZ footer for times after its last
//! transition, or a POSIX TZ string in `$TZ` itself; UTC when none is
//! found. Leap-second records (the `right/` zones) are applied as glibc
//! applies them, to local and to UTC times.

use std::cell::RefCell;
use std::ffi::OsString;
use std::rc::Rc;

use super::calendar::{DAY, days_from_civil, days_in_month, is_leap};

/// One kind of local time: its offset east of UTC, whether it is
/// daylight saving time, and its abbreviation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalType {
    pub utc_offset: i64,
    pub isdst: bool,
    pub abbreviation: String,
}

impl LocalType {
    fn utc() -> Self {
        LocalType {
            utc_offset: 0,
            isdst: false,
            abbreviation: "UTC".to_string(),
        }
    }
}

/// A day of the year in a POSIX TZ rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RuleDay {
    /// `Jn`: day 1..=365, February 29 never counted.
    Julian(i64),
    /// `n`: day 0..=365, February 29 counted.
    Zero(i64),
    /// `Mm.w.d`: weekday `d` of week `w` (5: the last) of month `m`.
    Weekday { month: i64, week: i64, weekday: i64 },
}

impl RuleDay {
    /// Days from the epoch to this day in `year`.
    fn days(self, year: i64) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        match self {
            RuleDay::Julian(n) => jan1 + n - 1 + i64::from(is_leap(year) && n >= 60),
            RuleDay::Zero(n) => jan1 + n,
            RuleDay::Weekday {
                month,
                week,
                weekday,
            } => {
                let first = days_from_civil(year, month, 1);
                let first_weekday = (first + 4).rem_euclid(7);
                let mut day = (weekday - first_weekday).rem_euclid(7) + (week - 1) * 7;
                if day >= days_in_month(year, month - 1) {
                    day -= 7;
                }
                first + day
            }
        }
    }
}

/// When daylight saving time starts and ends (local times of day).
#[derive(Clone, Debug, PartialEq, Eq)]
struct DstRule {
    dst: LocalType,
    start: RuleDay,
    start_time: i64,
    end: RuleDay,
    end_time: i64,
}

/// A POSIX TZ string: standard time, and maybe daylight saving rules.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PosixRule {
    standard: LocalType,
    dst: Option<DstRule>,
}

impl PosixRule {
    fn local_type(&self, t: i64) -> &LocalType {
        let Some(rule) = &self.dst else {
            return &self.standard;
        };
        // glibc computes the switches of years before 1970 as those of
        // 1970 (so they all fall in standard time, north of the equator).
        let local = t.saturating_add(self.standard.utc_offset);
        let year = super::calendar::civil_from_days(local.div_euclid(DAY))
            .0
            .max(1970);
        // Instants near the ends of the `i64` range: compute in `i128`.
        let instant = |days: i64, time: i64, offset: i64| {
            i128::from(days) * i128::from(DAY) + i128::from(time) - i128::from(offset)
        };
        let start = instant(
            rule.start.days(year),
            rule.start_time,
            self.standard.utc_offset,
        );
        let end = instant(rule.end.days(year), rule.end_time, rule.dst.utc_offset);
        let t = i128::from(t);
        let in_dst = if start <= end {
            start <= t && t < end
        } else {
            !(end <= t && t < start)
        };
        if in_dst { &rule.dst } else { &self.standard }
    }

    /// Parses `std offset [dst [offset] [,start[/time],end[/time]]]`.
    fn parse(text: &[u8]) -> Option<PosixRule> {
        let mut p = Parser { text, at: 0 };
        let standard_name = p.name()?;
        let standard_offset = -p.offset()?;
        let standard = LocalType {
            utc_offset: standard_offset,
            isdst: false,
            abbreviation: standard_name,
        };
        if p.done() {
            return Some(PosixRule {
                standard,
                dst: None,
            });
        }
        let dst_name = p.name()?;
        let dst_offset = if p.peek().is_some_and(|b| b != b',') {
            -p.offset()?
        } else {
            standard_offset + 3600
        };
        let dst = LocalType {
            utc_offset: dst_offset,
            isdst: true,
            abbreviation: dst_name,
        };
        // Without rules, glibc uses the US rules.
        let (start, start_time, end, end_time) = if p.done() {
            (
                RuleDay::Weekday {
                    month: 3,
                    week: 2,
                    weekday: 0,
                },
                7200,
                RuleDay::Weekday {
                    month: 11,
                    week: 1,
                    weekday: 0,
                },
                7200,
            )
        } else {
            p.expect(b',')?;
            let (start, start_time) = p.rule_day()?;
            p.expect(b',')?;
            let (end, end_time) = p.rule_day()?;
            (start, start_time, end, end_time)
        };
        if !p.done() {
            return None;
        }
        Some(PosixRule {
            standard,
            dst: Some(DstRule {
                dst,
                start,
                start_time,
                end,
                end_time,
            }),
        })
    }
}

/// A cursor over a POSIX TZ string.
struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// A zone name: three or more letters, or `<...>` quoting any of
    /// letters, digits, `+` and `-`.
    fn name(&mut self) -> Option<String> {
        let start = self.at;
        let name = if self.expect(b'<').is_some() {
            while self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-')
            {
                self.at += 1;
            }
            let name = &self.text[start + 1..self.at];
            self.expect(b'>')?;
            name
        } else {
            while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
                self.at += 1;
            }
            &self.text[start..self.at]
        };
        (name.len() >= 3).then(|| String::from_utf8_lossy(name).into_owned())
    }

    fn number(&mut self) -> Option<i64> {
        let start = self.at;
        let mut value: i64 = 0;
        while let Some(digit) = self.peek().filter(u8::is_ascii_digit) {
            value = value
                .checked_mul(10)?
                .checked_add(i64::from(digit - b'0'))?;
            self.at += 1;
            if self.at - start > 6 {
                return None;
            }
        }
        (self.at > start).then_some(value)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.peek() {
            Some(b'-') => {
                self.at += 1;
                -1
            }
            Some(b'+') => {
                self.at += 1;
                1
            }
            _ => 1,
        };
        let mut seconds = self.number()? * 3600;
        if self.expect(b':').is_some() {
            seconds += self.number()? * 60;
            if self.expect(b':').is_some() {
                seconds += self.number()?;
            }
        }
        Some(sign * seconds)
    }

    /// `date[/time]`; the time defaults to 02:00:00.
    fn rule_day(&mut self) -> Option<(RuleDay, i64)> {
        let day = match self.peek()? {
            b'J' => {
                self.at += 1;
                RuleDay::Julian(self.number().filter(|n| (1..=365).contains(n))?)
            }
            b'M' => {
                self.at += 1;
                let month = self.number().filter(|m| (1..=12).contains(m))?;
                self.expect(b'.')?;
                let week = self.number().filter(|w| (1..=5).contains(w))?;
                self.expect(b'.')?;
                let weekday = self.number().filter(|d| (0..=6).contains(d))?;
                RuleDay::Weekday {
                    month,
                    week,
                    weekday,
                }
            }
            _ => RuleDay::Zero(self.number().filter(|n| (0..=365).contains(n))?),
        };
        let time = if self.expect(b'/').is_some() {
            self.offset()?
        } else {
            7200
        };
        Some((day, time))
    }
}

/// A time zone: transitions from a TZif file, then a POSIX rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// Transition instants, ascending, with the index of the local type
    /// in force from each.
    transitions: Vec<(i64, usize)>,
    types: Vec<LocalType>,
    /// The rule for times after the last transition (or for all times).
    rule: Option<PosixRule>,
    /// Leap-second records: from each instant on, the seconds to subtract.
    leaps: Vec<(i64, i64)>,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            transitions: Vec::new(),
            types: vec![LocalType::utc()],
            rule: None,
            leaps: Vec::new(),
        }
    }

    /// A zone from a POSIX TZ string such as `CET-1CEST,M3.5.0,M10.5.0/3`.
    pub fn from_posix(text: &[u8]) -> Option<Zone> {
        let rule = PosixRule::parse(text)?;
        Some(Zone {
            transitions: Vec::new(),
            types: vec![rule.standard.clone()],
            rule: Some(rule),
            leaps: Vec::new(),
        })
    }

    /// A zone from the bytes of a TZif file (RFC 8536, versions 1 to 4).
    pub fn from_tzif(bytes: &[u8]) -> Option<Zone> {
        let v1 = Header::parse(bytes)?;
        if v1.version == 0 {
            return v1.zone(bytes, 44, 4);
        }
        // Version 2+: skip the 32-bit block, read the 64-bit one and the footer.
        let second = 44 + v1.block_len(4);
        let v2 = Header::parse(bytes.get(second..)?)?;
        let data = second + 44;
        let mut zone = v2.zone(bytes, data, 8)?;
        // The footer ("\nTZ\n") may be empty; a malformed one is ignored.
        zone.rule = bytes
            .get(data + v2.block_len(8)..)
            .and_then(|footer| footer.strip_prefix(b"\n"))
            .and_then(|footer| {
                let end = footer.iter().position(|&b| b == b'\n')?;
                PosixRule::parse(&footer[..end])
            });
        Some(zone)
    }

    /// The local type in force at `t` (seconds since the epoch).
    pub fn local_type(&self, t: i64) -> &LocalType {
        let after = self.transitions.partition_point(|&(at, _)| at <= t);
        // Past the last transition (or with none at all), the rule rules.
        if after == self.transitions.len()
            && let Some(rule) = &self.rule
        {
            return rule.local_type(t);
        }
        match after.checked_sub(1) {
            Some(last) => &self.types[self.transitions[last].1],
            None => &self.types[0],
        }
    }

    /// The leap seconds to subtract at `t`, and whether `t` is an inserted
    /// leap second itself (shown as second 60; glibc's `leap_hit`, which
    /// counts several consecutive ones).
    pub fn leap_correction(&self, t: i64) -> (i64, i64) {
        let after = self.leaps.partition_point(|&(at, _)| at <= t);
        let Some(last) = after.checked_sub(1) else {
            return (0, 0);
        };
        let (at, correction) = self.leaps[last];
        let previous = |i: usize| i.checked_sub(1).map_or(0, |p| self.leaps[p].1);
        let mut hit = 0;
        if t == at && correction > previous(last) {
            hit = 1;
            let mut i = last;
            while i > 0
                && self.leaps[i].0 == self.leaps[i - 1].0 + 1
                && self.leaps[i].1 == self.leaps[i - 1].1 + 1
            {
                hit += 1;
                i -= 1;
            }
        }
        (correction, hit)
    }

    /// The offset to add to `t` for its wall-clock time: the local type's,
    /// less the leap seconds.
    fn wall_offset(&self, t: i64) -> i64 {
        self.local_type(t).utc_offset - self.leap_correction(t).0
    }

    /// The instant whose local wall-clock time is `wall` (seconds as if
    /// UTC), as `mktime` finds it. `isdst` (when known) picks between the
    /// two readings of an ambiguous time, or reinterprets the time in the
    /// other kind of time as glibc does.
    pub fn instant_of(&self, wall: i64, isdst: Option<bool>) -> i64 {
        let guess = wall - self.wall_offset(wall);
        let first = wall - self.wall_offset(guess);
        let second = wall - self.wall_offset(first);
        let t = if second == first {
            first
        } else if wall - self.wall_offset(second) == second {
            second
        } else {
            let dst = |t| self.local_type(t).isdst;
            return gap_choice(isdst, (first, dst(first)), (second, dst(second)));
        };
        match isdst {
            Some(wanted) if self.local_type(t).isdst != wanted => self.reinterpret(wall, t, wanted),
            _ => t,
        }
    }

    /// The instant of `wall` read as the other kind of time (`wanted`
    /// says daylight saving or not), glibc's way: probe neighbouring
    /// instants a week apart, up to about eight years away, for one in
    /// that kind of time and use its offset; failing that, shift by an
    /// hour.
    fn reinterpret(&self, wall: i64, t: i64, wanted: bool) -> i64 {
        const STRIDE: i64 = 601_200;
        const BOUND: i64 = 536_454_000 / 2 + STRIDE;
        let mut delta = STRIDE;
        while delta < BOUND {
            for probe in [t - delta, t + delta] {
                if self.local_type(probe).isdst == wanted {
                    return wall - self.wall_offset(probe);
                }
            }
            delta += STRIDE;
        }
        if wanted { t - 3600 } else { t + 3600 }
    }
}

/// The instant glibc's `mktime` picks for a wall-clock time that does not
/// exist (skipped by a spring-forward gap), from the two instants it
/// oscillates between: the one whose kind of time differs from the one
/// asked for, or, when none was asked, the daylight saving one; else the
/// later.
fn gap_choice(isdst: Option<bool>, a: (i64, bool), b: (i64, bool)) -> i64 {
    let preferred = |(_, dst): (i64, bool)| match isdst {
        Some(wanted) => dst != wanted,
        None => dst,
    };
    match (preferred(a), preferred(b)) {
        (true, false) => a.0,
        (false, true) => b.0,
        _ => a.0.max(b.0),
    }
}

/// The counts of a TZif header.
struct Header {
    version: u8,
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

impl Header {
    fn parse(bytes: &[u8]) -> Option<Header> {
        if bytes.get(..4)? != b"TZif" {
            return None;
        }
        let version = match *bytes.get(4)? {
            0 => 0,
            b'2'..=b'9' => *bytes.get(4)? - b'0',
            _ => return None,
        };
        let count = |i: usize| be_u32(bytes, 20 + 4 * i).map(|n| n as usize);
        let header = Header {
            version,
            isutcnt: count(0)?,
            isstdcnt: count(1)?,
            leapcnt: count(2)?,
            timecnt: count(3)?,
            typecnt: count(4)?,
            charcnt: count(5)?,
        };
        (header.typecnt > 0).then_some(header)
    }

    /// Bytes of the data block with `time_size`-byte times.
    fn block_len(&self, time_size: usize) -> usize {
        self.timecnt * (time_size + 1)
            + self.typecnt * 6
            + self.charcnt
            + self.leapcnt * (time_size + 4)
            + self.isstdcnt
            + self.isutcnt
    }

    /// The transitions and types of the data block at `at`.
    fn zone(&self, bytes: &[u8], at: usize, time_size: usize) -> Option<Zone> {
        let block = bytes.get(at..at.checked_add(self.block_len(time_size))?)?;
        let times = &block[..self.timecnt * time_size];
        let indices = &block[times.len()..times.len() + self.timecnt];
        let types_at = times.len() + indices.len();
        let infos = &block[types_at..types_at + self.typecnt * 6];
        let names = &block[types_at + infos.len()..types_at + infos.len() + self.charcnt];
        let types = infos
            .chunks_exact(6)
            .map(|info| {
                let utc_offset = i64::from(i32::from_be_bytes(info[..4].try_into().ok()?));
                let start = usize::from(info[5]);
                let name = names.get(start..)?;
                let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
                Some(LocalType {
                    utc_offset,
                    isdst: info[4] != 0,
                    abbreviation: String::from_utf8_lossy(&name[..end]).into_owned(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let time_at = |bytes: &[u8]| -> Option<i64> {
            Some(if time_size == 8 {
                i64::from_be_bytes(bytes.get(..8)?.try_into().ok()?)
            } else {
                i64::from(i32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
            })
        };
        let transitions = times
            .chunks_exact(time_size)
            .zip(indices)
            .map(|(time, &index)| {
                let t = time_at(time)?;
                (usize::from(index) < types.len()).then_some((t, usize::from(index)))
            })
            .collect::<Option<Vec<_>>>()?;
        let leaps_at = types_at + infos.len() + names.len();
        let leaps = block[leaps_at..leaps_at + self.leapcnt * (time_size + 4)]
            .chunks_exact(time_size + 4)
            .map(|record| {
                let correction = i32::from_be_bytes(record[time_size..].try_into().ok()?);
                Some((time_at(record)?, i64::from(correction)))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Zone {
            transitions,
            types,
            rule: None,
            leaps,
        })
    }
}

/// Where the zone database lives.
const ZONEINFO: &str = "/usr/share/zoneinfo";

/// The zone `$TZ` names (glibc's rules): unset means `/etc/localtime`,
/// empty means UTC, `:name` or `name` a file (absolute, or under the zone
/// database), else a POSIX TZ string; anything unreadable is UTC.
fn load(tz: Option<&OsString>) -> Zone {
    let read = |path: &std::path::Path| std::fs::read(path).ok().and_then(|b| Zone::from_tzif(&b));
    let Some(tz) = tz else {
        return read(std::path::Path::new("/etc/localtime")).unwrap_or_else(Zone::utc);
    };
    let text = tz.to_string_lossy();
    if text.is_empty() {
        return Zone::utc();
    }
    let name = text.strip_prefix(':').unwrap_or(&text);
    let path = if name.starts_with('/') {
        std::path::PathBuf::from(name)
    } else {
        std::path::Path::new(ZONEINFO).join(name)
    };
    if !name.contains("..")
        && let Some(zone) = read(&path)
    {
        return zone;
    }
    Zone::from_posix(name.as_bytes()).unwrap_or_else(|| unknown_zone(name.as_bytes()))
}

/// The zone glibc falls back to for a `$TZ` it cannot read: UTC, named
/// by the leading letters of `$TZ` when there are at least three.
fn unknown_zone(tz: &[u8]) -> Zone {
    let letters = tz.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut zone = Zone::utc();
    if letters >= 3 {
        zone.types[0].abbreviation = String::from_utf8_lossy(&tz[..letters]).into_owned();
    }
    zone
}

thread_local! {
    /// The zone last loaded, with the `$TZ` it was loaded for.
    static CURRENT: RefCell<Option<(Option<OsString>, Rc<Zone>)>> = const { RefCell::new(None) };
}

/// The local zone, reloaded when `$TZ` changes (as `tzset` would).
pub fn local_zone() -> Rc<Zone> {
    let tz = std::env::var_os("TZ");
    CURRENT.with(|current| {
        let mut current = current.borrow_mut();
        if let Some((loaded_for, zone)) = current.as_ref()
            && *loaded_for == tz
        {
            return Rc::clone(zone);
        }
        let zone = Rc::new(load(tz.as_ref()));
        *current = Some((tz, Rc::clone(&zone)));
        zone
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> Zone {
        Zone::from_posix(b"CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    #[test]
    fn posix_rules_switch_on_the_right_days() {
        let zone = paris();
        // 2024-03-31 00:59:59 UTC is still winter, 01:00:00 is summer.
        assert_eq!(zone.local_type(1_711_846_799).abbreviation, "CET");
        assert_eq!(zone.local_type(1_711_846_800).abbreviation, "CEST");
        assert_eq!(zone.local_type(1_711_846_800).utc_offset, 7200);
        // 2024-10-27 00:59:59 UTC is summer, 01:00:00 winter.
        assert!(zone.local_type(1_729_990_799).isdst);
        assert!(!zone.local_type(1_729_990_800).isdst);
    }

    #[test]
    fn southern_rules_wrap_around_the_year() {
        let zone = Zone::from_posix(b"<-03>3<-02>,M9.1.6/24,M4.1.6/24").unwrap();
        assert_eq!(zone.local_type(1_704_067_200).abbreviation, "-02"); // January
        assert_eq!(zone.local_type(1_719_792_000).abbreviation, "-03"); // July
    }

    #[test]
    fn julian_days_skip_february_29_and_zero_based_days_do_not() {
        let midday = |year, month, day| days_from_civil(year, month, day) * DAY + 12 * 3600;
        let julian = Zone::from_posix(b"EST5EDT,J60,J300").unwrap();
        // J60 is March 1st in every year.
        assert!(!julian.local_type(midday(2024, 2, 29)).isdst);
        assert!(julian.local_type(midday(2024, 3, 1)).isdst);
        let zero_based = Zone::from_posix(b"EST5EDT,59,299").unwrap();
        // Day 59 is February 29th in a leap year, March 1st otherwise.
        assert!(zero_based.local_type(midday(2024, 2, 29)).isdst);
        assert!(!zero_based.local_type(midday(2023, 2, 28)).isdst);
        assert!(zero_based.local_type(midday(2023, 3, 1)).isdst);
    }

    #[test]
    fn extreme_instants_do_not_overflow() {
        for zone in [
            paris(),
            Zone::from_posix(b"<-03>3<-02>,M9.1.6/24,M4.1.6/24").unwrap(),
        ] {
            for t in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
                zone.local_type(t);
            }
            // `os.time` hands over wall-clock times from C `int` fields.
            let extreme = (i64::from(i32::MAX) + 1900) * 366 * DAY;
            zone.instant_of(extreme, Some(true));
            zone.instant_of(-extreme, Some(false));
        }
    }

    #[test]
    fn posix_strings_without_rules() {
        let zone = Zone::from_posix(b"EST5").unwrap();
        assert_eq!(zone.local_type(0).utc_offset, -5 * 3600);
        assert!(Zone::from_posix(b"X1").is_none());
        assert!(Zone::from_posix(b"ABC1DEF,M13.1.0,M1.1.0").is_none());
    }

    #[test]
    fn mktime_instants() {
        let zone = paris();
        // 2024-07-01 12:00 local is 10:00 UTC.
        let wall = days_from_civil(2024, 7, 1) * DAY + 12 * 3600;
        assert_eq!(zone.instant_of(wall, None), wall - 7200);
        assert_eq!(zone.instant_of(wall, Some(true)), wall - 7200);
        assert_eq!(zone.instant_of(wall, Some(false)), wall - 3600);
    }
}
