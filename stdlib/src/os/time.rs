//! `os.time`, `os.date` and `os.difftime`: conversions between seconds
//! since the epoch and calendar fields, in UTC (`!`) or local time.

use saturn_vm::executor::{Action, Call, Continuation, Error, Outcome};
use saturn_vm::meta::NewIndexStep;
use saturn_vm::number::{Number, float_to_int};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

use super::calendar::{BrokenDown, broken_down, wall_clock_seconds};
use super::strftime::{convert, specifier_len};
use super::zone::{Zone, local_zone};
use crate::args::{arg_error, check_integer, check_table, is_none_or_nil, opt_string, to_number};
use crate::io::path::c_name;
use crate::lookup::{self, Lookup};
use crate::results::return_one;

/// The current time in seconds since the epoch.
fn now() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    }
}

/// The local broken-down time of `t` (C's `localtime`).
fn local_time(t: i64) -> Option<BrokenDown> {
    local_time_in(&local_zone(), t)
}

/// The broken-down time of `t` in `zone`.
fn local_time_in(zone: &Zone, t: i64) -> Option<BrokenDown> {
    let local = zone.local_type(t);
    let (leap, hit) = zone.leap_correction(t);
    let mut tm = broken_down(t, local.utc_offset - leap, local.isdst, &local.abbreviation)?;
    tm.sec += hit;
    tm.utc_offset = local.utc_offset;
    Some(tm)
}

/// The UTC broken-down time of `t` (C's `gmtime`, whose zone is "GMT";
/// glibc applies the local zone's leap seconds here too).
fn utc_time(t: i64) -> Option<BrokenDown> {
    let (leap, hit) = local_zone().leap_correction(t);
    let mut tm = broken_down(t, -leap, false, "GMT")?;
    tm.sec += hit;
    tm.utc_offset = 0;
    Some(tm)
}

/// Stores the fields of `tm` in `table`, raw (`os.date("*t")`).
fn set_fields<'gc>(ctx: Context<'gc>, table: Table<'gc>, tm: &BrokenDown) {
    for (name, value) in (0..).map_while(|index| written_field(tm, index)) {
        table.set_str(ctx.mc, ctx.intern(name.as_bytes()), value);
    }
}

/// `os.date([format [, time]])`.
pub fn date<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    let format = opt_string(ctx, call, 1)?;
    let format: &[u8] = format.as_ref().map_or(b"%c", |f| f.as_bytes());
    let t = if is_none_or_nil(call, 2) {
        now()
    } else {
        check_integer(ctx, call, 2)?
    };
    let (tm, mut rest) = match format.strip_prefix(b"!") {
        Some(rest) => (utc_time(t), rest),
        None => (local_time(t), format),
    };
    let tm = tm.ok_or("date result cannot be represented in this installation")?;
    if c_name(rest) == b"*t" {
        let table = ctx.new_table();
        set_fields(ctx, table, &tm);
        return return_one(call, Value::Table(table));
    }
    let mut out = Vec::with_capacity(rest.len());
    while let Some((&byte, after)) = rest.split_first() {
        if byte != b'%' {
            out.push(byte);
            rest = after;
            continue;
        }
        let Some(len) = specifier_len(after) else {
            let shown = String::from_utf8_lossy(c_name(after));
            let message = format!("invalid conversion specifier '%{shown}'");
            return Err(arg_error(ctx, call, 1, &message));
        };
        convert(&mut out, &after[..len], &tm);
        rest = &after[len..];
    }
    return_one(call, Value::String(ctx.intern(&out)))
}

/// The fields `os.time` reads, in PUC's order: name, default when absent
/// (`None`: required), and what C subtracts (`tm_year` counts from 1900,
/// `tm_mon` from 0). `isdst` comes last and is read as a boolean.
const DATE_FIELDS: [(&str, Option<i64>, i64); 6] = [
    ("year", None, 1900),
    ("month", None, 1),
    ("day", None, 0),
    ("hour", Some(12), 0),
    ("min", Some(0), 0),
    ("sec", Some(0), 0),
];

/// How many fields `os.time` reads (the six numbers and `isdst`).
const FIELDS_READ: usize = DATE_FIELDS.len() + 1;

/// The name of field `index` of the table `os.time` reads.
fn read_field_name(index: usize) -> &'static str {
    DATE_FIELDS.get(index).map_or("isdst", |field| field.0)
}

/// Field `index` of `os.time`'s table as a C `int` after subtracting its
/// delta, or its default (PUC's `getfield`).
fn int_field<'gc>(index: usize, value: Value<'gc>) -> Result<i64, Error<'gc>> {
    let (key, default, delta) = DATE_FIELDS[index];
    let integer = match to_number(value) {
        Some(Number::Int(i)) => Some(i),
        Some(Number::Float(f)) => float_to_int(f),
        None => None,
    };
    match integer {
        None if !value.is_nil() => Err(Error::runtime(format!("field '{key}' is not an integer"))),
        None => {
            default.ok_or_else(|| Error::runtime(format!("field '{key}' missing in date table")))
        }
        Some(i) => {
            let shifted = i.checked_sub(delta).filter(|s| i32::try_from(*s).is_ok());
            shifted.ok_or_else(|| Error::runtime(format!("field '{key}' is out-of-bound")))
        }
    }
}

const UNREPRESENTABLE: &str = "time result cannot be represented in this installation";

/// `os.time([table])`: now, or the local time the table's fields name
/// (normalised like `mktime`, and written back into the table).
///
/// The fields are read and written as `t.k` and `t.k = v` do, so
/// `__index` and `__newindex` handlers run (through the executor: they
/// may yield). The window holds the table, then the values read, then
/// the time found.
pub fn time<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if is_none_or_nil(call, 1) {
        return return_one(call, Value::Integer(now()));
    }
    check_table(ctx, call, 1)?;
    call.truncate(1);
    read_fields(ctx, call, 0)
}

/// Reads fields `from..` of the table, checking each as it comes.
fn read_fields<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    from: usize,
) -> Result<Action<'gc>, Error<'gc>> {
    let table = call.get(0);
    for index in from..FIELDS_READ {
        let key = ctx.str(read_field_name(index));
        match lookup::index(ctx, table, key)? {
            Lookup::Found(value) => {
                if index < DATE_FIELDS.len() {
                    int_field(index, value)?;
                }
                call.push(value)?;
            }
            Lookup::CallHandler { handler, object } => {
                call.extend([handler, object, key])?;
                return Ok(Action::Call {
                    nargs: 2,
                    then: Continuation::new(field_read, index as i64),
                });
            }
        }
    }
    convert_fields(ctx, call)
}

/// An `__index` handler answered field `state`: keep its first result.
fn field_read<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    let index = state as usize;
    call.set_len(index + 2)?;
    if index < DATE_FIELDS.len() {
        int_field(index, call.get(index + 1))?;
    }
    read_fields(ctx, call, index + 1)
}

/// All fields read: find the time, then write the normalised fields back.
fn convert_fields<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let mut fields = [0; DATE_FIELDS.len()];
    for (index, field) in fields.iter_mut().enumerate() {
        *field = int_field(index, call.get(index + 1))?;
    }
    let isdst = match call.get(FIELDS_READ) {
        Value::Nil => None,
        value => Some(!value.is_falsy()),
    };
    let t = mktime(&local_zone(), fields, isdst).ok_or(UNREPRESENTABLE)?;
    call.truncate(1);
    call.push(Value::Integer(t))?;
    write_fields(ctx, call, 0)
}

/// The instant the local wall-clock fields name, as glibc's `mktime`
/// finds it: seconds outside 0..=59 are not wall-clock time but added to
/// the instant of the clamped second (so they count across daylight
/// saving switches and leap seconds). `None` when the result has no
/// broken-down form.
/// `fields` are `tm_year`, `tm_mon`, `tm_mday`, `tm_hour`, `tm_min`,
/// `tm_sec`.
fn mktime(zone: &Zone, fields: [i64; 6], isdst: Option<bool>) -> Option<i64> {
    let [year, month, day, hour, min, sec] = fields;
    let clamped = sec.clamp(0, 59);
    let wall = wall_clock_seconds(year, month, day, hour, min, clamped);
    let t = zone.instant_of(wall, isdst);
    let found = local_time_in(zone, t)?;
    if found.sec == sec {
        return Some(t);
    }
    // A match on an inserted leap second (:60) for a requested :00 is
    // repaired, as glibc does.
    let adjustment = i64::from(clamped == 0 && found.sec == 60) - clamped + sec;
    let adjusted = t.checked_add(adjustment)?;
    local_time_in(zone, adjusted).map(|_| adjusted)
}

/// Field `index` of the table PUC's `setallfields` fills from `tm` (for
/// `os.date("*t")` and `os.time`'s write-back): its name and value.
fn written_field<'gc>(tm: &BrokenDown, index: usize) -> Option<(&'static str, Value<'gc>)> {
    let integer = |name, value| Some((name, Value::Integer(value)));
    match index {
        0 => integer("year", tm.year + 1900),
        1 => integer("month", tm.month + 1),
        2 => integer("day", tm.day),
        3 => integer("hour", tm.hour),
        4 => integer("min", tm.min),
        5 => integer("sec", tm.sec),
        6 => integer("yday", tm.yday + 1),
        7 => integer("wday", tm.wday + 1),
        8 => Some(("isdst", Value::Boolean(tm.isdst))),
        _ => None,
    }
}

/// Writes fields `from..` of the normalised time into the table, then
/// returns the time (PUC's `setallfields`, then the final check).
fn write_fields<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    from: usize,
) -> Result<Action<'gc>, Error<'gc>> {
    let table = call.get(0);
    let t = match call.get(1) {
        Value::Integer(t) => t,
        _ => return Err(UNREPRESENTABLE.into()),
    };
    let tm = local_time(t).ok_or(UNREPRESENTABLE)?;
    let mut index = from;
    while let Some((name, value)) = written_field(&tm, index) {
        let name = ctx.intern(name.as_bytes());
        let key = Value::String(name);
        match lookup::new_index(ctx, table, key)? {
            NewIndexStep::Raw(target) => target.set_str(ctx.mc, name, value),
            NewIndexStep::Call { handler, object } => {
                call.extend([handler, object, key, value])?;
                return Ok(Action::Call {
                    nargs: 3,
                    then: Continuation::new(field_written, index as i64),
                });
            }
        }
        index += 1;
    }
    if t == -1 {
        return Err(UNREPRESENTABLE.into());
    }
    return_one(call, Value::Integer(t))
}

/// A `__newindex` handler stored field `state`; go on with the next.
fn field_written<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
    _outcome: Outcome<'gc>,
    state: i64,
) -> Result<Action<'gc>, Error<'gc>> {
    call.truncate(2);
    write_fields(ctx, call, state as usize + 1)
}

/// `os.difftime(t2, t1)`: `t2 - t1` in seconds, as a float.
pub fn difftime<'gc>(
    ctx: Context<'gc>,
    call: &mut Call<'gc, '_>,
) -> Result<Action<'gc>, Error<'gc>> {
    let later = check_integer(ctx, call, 1)?;
    let earlier = check_integer(ctx, call, 2)?;
    let difference = (i128::from(later) - i128::from(earlier)) as f64;
    return_one(call, Value::Number(difference))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> Zone {
        Zone::from_posix(b"CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    #[test]
    fn seconds_out_of_range_count_as_elapsed_time() {
        let zone = paris();
        // 2024-03-31 01:00 CET plus 7200 s crosses the switch to summer
        // time: the result reads 04:00 CEST, not 03:00.
        let t = mktime(&zone, [124, 2, 31, 1, 0, 7200], None).unwrap();
        let three = mktime(&zone, [124, 2, 31, 3, 0, 0], None).unwrap();
        assert_eq!(t - three, 3600);
        let tm = local_time_in(&zone, t).unwrap();
        assert_eq!((tm.hour, tm.min, tm.sec, tm.isdst), (4, 0, 0, true));
        // Minutes still count as wall-clock time.
        let by_minutes = mktime(&zone, [124, 2, 31, 1, 120, 0], None).unwrap();
        assert_eq!(by_minutes, three);
    }

    #[test]
    fn unrepresentable_results() {
        let zone = paris();
        let last_year = i64::from(i32::MAX);
        assert!(mktime(&zone, [last_year, 11, 31, 23, 59, 59], None).is_some());
        assert!(mktime(&zone, [last_year, 11, 31, 23, 59, 60], None).is_none());
        assert!(mktime(&zone, [last_year, 11, 31, 23, 60, 0], None).is_none());
    }
}
