//! `os.time`, `os.date` and `os.difftime`: conversions between seconds
//! since the epoch and calendar fields, in UTC (`!`) or local time.

use saturn_vm::executor::{Action, Call, Error};
use saturn_vm::number::{Number, float_to_int};
use saturn_vm::state::Context;
use saturn_vm::table::Table;
use saturn_vm::value::Value;

use super::calendar::{BrokenDown, broken_down, wall_clock_seconds};
use super::strftime::{convert, specifier_len};
use super::zone::local_zone;
use crate::args::{arg_error, check_integer, check_table, is_none_or_nil, opt_string, to_number};
use crate::io::path::c_name;
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
    let zone = local_zone();
    let local = zone.local_type(t);
    broken_down(t, local.utc_offset, local.isdst, &local.abbreviation)
}

/// The UTC broken-down time of `t` (C's `gmtime`, whose zone is "GMT").
fn utc_time(t: i64) -> Option<BrokenDown> {
    broken_down(t, 0, false, "GMT")
}

/// Stores the fields of `tm` in `table` (PUC's `setallfields`).
fn set_fields<'gc>(ctx: Context<'gc>, table: Table<'gc>, tm: &BrokenDown) {
    let fields = [
        ("year", tm.year + 1900),
        ("month", tm.month + 1),
        ("day", tm.day),
        ("hour", tm.hour),
        ("min", tm.min),
        ("sec", tm.sec),
        ("yday", tm.yday + 1),
        ("wday", tm.wday + 1),
    ];
    for (name, value) in fields {
        table.set_str(ctx.mc, ctx.intern(name.as_bytes()), Value::Integer(value));
    }
    table.set_str(ctx.mc, ctx.intern(b"isdst"), Value::Boolean(tm.isdst));
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

/// A date field of `os.time`'s table as a C `int` after subtracting
/// `delta` (PUC's `getfield`); `default` when absent (`None`: required).
fn int_field<'gc>(
    ctx: Context<'gc>,
    table: Table<'gc>,
    key: &str,
    default: Option<i64>,
    delta: i64,
) -> Result<i64, Error<'gc>> {
    let value = table.get_str(ctx.mc, ctx.intern(key.as_bytes()));
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
pub fn time<'gc>(ctx: Context<'gc>, call: &mut Call<'gc, '_>) -> Result<Action<'gc>, Error<'gc>> {
    if is_none_or_nil(call, 1) {
        return return_one(call, Value::Integer(now()));
    }
    let table = check_table(ctx, call, 1)?;
    let year = int_field(ctx, table, "year", None, 1900)?;
    let month = int_field(ctx, table, "month", None, 1)?;
    let day = int_field(ctx, table, "day", None, 0)?;
    let hour = int_field(ctx, table, "hour", Some(12), 0)?;
    let min = int_field(ctx, table, "min", Some(0), 0)?;
    let sec = int_field(ctx, table, "sec", Some(0), 0)?;
    let isdst = match table.get_str(ctx.mc, ctx.intern(b"isdst")) {
        Value::Nil => None,
        value => Some(!value.is_falsy()),
    };
    let wall = wall_clock_seconds(year, month, day, hour, min, sec);
    let t = local_zone().instant_of(wall, isdst);
    let tm = local_time(t).ok_or(UNREPRESENTABLE)?;
    set_fields(ctx, table, &tm);
    if t == -1 {
        return Err(UNREPRESENTABLE.into());
    }
    return_one(call, Value::Integer(t))
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
