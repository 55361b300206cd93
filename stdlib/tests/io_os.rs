//! The io and os libraries where the differential corpus cannot look:
//! TZif files crafted byte by byte, finalizers closing files, pipes
//! larger than the kernel's buffer, and flushing at exit.

mod common;
use common::{check, output_of};

use saturn_stdlib::os::zone::Zone;

/// A TZif data block: transitions (`times`, each with a type index),
/// local types `(offset, isdst, abbreviation index)` and the abbreviation
/// characters, with `time_size`-byte times.
fn tzif_block(
    version: u8,
    time_size: usize,
    transitions: &[(i64, u8)],
    types: &[(i32, bool, u8)],
    names: &[u8],
) -> Vec<u8> {
    tzif_block_with_leaps(version, time_size, transitions, types, names, &[])
}

/// The same with leap-second records `(instant, correction)`.
fn tzif_block_with_leaps(
    version: u8,
    time_size: usize,
    transitions: &[(i64, u8)],
    types: &[(i32, bool, u8)],
    names: &[u8],
    leaps: &[(i64, i32)],
) -> Vec<u8> {
    let time = |t: i64| {
        if time_size == 8 {
            t.to_be_bytes().to_vec()
        } else {
            (t as i32).to_be_bytes().to_vec()
        }
    };
    let mut out = b"TZif".to_vec();
    out.push(version);
    out.extend_from_slice(&[0; 15]);
    for count in [
        0,
        0,
        leaps.len(),
        transitions.len(),
        types.len(),
        names.len(),
    ] {
        out.extend_from_slice(&(count as u32).to_be_bytes());
    }
    for &(t, _) in transitions {
        out.extend(time(t));
    }
    out.extend(transitions.iter().map(|&(_, index)| index));
    for &(offset, isdst, name) in types {
        out.extend_from_slice(&offset.to_be_bytes());
        out.push(u8::from(isdst));
        out.push(name);
    }
    out.extend_from_slice(names);
    for &(t, correction) in leaps {
        out.extend(time(t));
        out.extend_from_slice(&correction.to_be_bytes());
    }
    out
}

const NAMES: &[u8] = b"LMT\0STD\0DST\0";
const TYPES: &[(i32, bool, u8)] = &[(600, false, 0), (3600, false, 4), (7200, true, 8)];

#[test]
fn version_1_tzif_transitions() {
    // LMT until 1000, then standard time, daylight time from 50000 to 90000.
    let transitions = [(1000, 1), (50_000, 2), (90_000, 1)];
    let file = tzif_block(0, 4, &transitions, TYPES, NAMES);
    let zone = Zone::from_tzif(&file).expect("a valid version 1 file");
    let at = |t: i64| {
        let local = zone.local_type(t);
        (local.utc_offset, local.isdst, local.abbreviation.clone())
    };
    assert_eq!(at(-100_000), (600, false, "LMT".to_string()));
    assert_eq!(at(999), (600, false, "LMT".to_string()));
    assert_eq!(at(1000), (3600, false, "STD".to_string()));
    assert_eq!(at(50_000), (7200, true, "DST".to_string()));
    assert_eq!(at(89_999), (7200, true, "DST".to_string()));
    assert_eq!(at(1_000_000), (3600, false, "STD".to_string()));
    // The wall-clock time 60000 + 7200 exists only in daylight time.
    let wall = 60_000 + 7200;
    assert_eq!(zone.instant_of(wall, None), 60_000);
    assert_eq!(zone.instant_of(wall, Some(true)), 60_000);
    // Asked as standard time, it takes the offset of the nearest probe
    // not in daylight time (a week earlier: LMT), as glibc does.
    assert_eq!(zone.instant_of(wall, Some(false)), wall - 600);
    // A wall-clock time skipped by the switch to daylight time.
    let skipped = 50_000 + 3600 + 1800;
    assert_eq!(zone.instant_of(skipped, None), skipped - 3600);
}

#[test]
fn version_2_tzif_uses_64_bit_times_and_its_footer() {
    // The 32-bit block is a decoy: readers of version 2 must skip it.
    let decoy = tzif_block(b'2', 4, &[(0, 0)], &[(-999, false, 0)], b"BAD\0");
    let transitions = [(-5_000_000_000, 1), (1_000_000_000, 2)];
    let mut file = decoy;
    file.extend(tzif_block(b'2', 8, &transitions, TYPES, NAMES));
    file.extend_from_slice(b"\nCET-1CEST,M3.5.0,M10.5.0/3\n");
    let zone = Zone::from_tzif(&file).expect("a valid version 2 file");
    assert_eq!(zone.local_type(-6_000_000_000).abbreviation, "LMT");
    assert_eq!(zone.local_type(0).abbreviation, "STD");
    // After the last transition the footer rules: 2024-01-15 and 2024-07-15.
    assert_eq!(zone.local_type(1_705_320_000).abbreviation, "CET");
    assert_eq!(zone.local_type(1_721_044_800).abbreviation, "CEST");
    assert_eq!(zone.local_type(1_721_044_800).utc_offset, 7200);
}

#[test]
fn version_2_tzif_without_footer_keeps_its_last_type() {
    let mut file = tzif_block(b'3', 4, &[], &[(0, false, 0)], b"UTC\0");
    file.extend(tzif_block(b'3', 8, &[(100, 1)], TYPES, NAMES));
    file.extend_from_slice(b"\n\n");
    let zone = Zone::from_tzif(&file).unwrap();
    assert_eq!(zone.local_type(1 << 40).abbreviation, "STD");
}

#[test]
fn leap_second_records() {
    let leaps = [(1000, 1), (2000, 2), (3000, 3), (3001, 4), (4000, 3)];
    let mut file = tzif_block(b'2', 4, &[], &[(0, false, 0)], b"UTC\0");
    file.extend(tzif_block_with_leaps(
        b'2',
        8,
        &[],
        &[(0, false, 0)],
        b"UTC\0",
        &leaps,
    ));
    file.extend_from_slice(b"\n\n");
    let zone = Zone::from_tzif(&file).unwrap();
    assert_eq!(zone.leap_correction(999), (0, 0));
    // At an inserted second the clock shows :60 (a "hit").
    assert_eq!(zone.leap_correction(1000), (1, 1));
    assert_eq!(zone.leap_correction(1001), (1, 0));
    assert_eq!(zone.leap_correction(2000), (2, 1));
    // Two consecutive inserted seconds: the second one is hit twice.
    assert_eq!(zone.leap_correction(3001), (4, 2));
    // A removed second is no hit.
    assert_eq!(zone.leap_correction(4000), (3, 0));
    // Wall-clock times skip the inserted seconds.
    assert_eq!(zone.instant_of(1500 - 1, None), 1500);
    // A version 1 file carries them with 4-byte times.
    let v1 = tzif_block_with_leaps(0, 4, &[], &[(0, false, 0)], b"UTC\0", &leaps);
    assert_eq!(Zone::from_tzif(&v1).unwrap().leap_correction(3001), (4, 2));
}

#[test]
fn malformed_tzif_files_are_refused() {
    let good = tzif_block(0, 4, &[(1000, 1)], TYPES, NAMES);
    assert!(Zone::from_tzif(&good).is_some());
    assert!(Zone::from_tzif(b"").is_none());
    assert!(Zone::from_tzif(b"TZif").is_none());
    let mut bad_magic = good.clone();
    bad_magic[0] = b'X';
    assert!(Zone::from_tzif(&bad_magic).is_none());
    for cut in [20, 44, 50, good.len() - 1] {
        assert!(Zone::from_tzif(&good[..cut]).is_none(), "cut at {cut}");
    }
    // A transition naming a type that does not exist.
    let bad_index = tzif_block(0, 4, &[(1000, 7)], TYPES, NAMES);
    assert!(Zone::from_tzif(&bad_index).is_none());
    // No local types at all.
    let no_types = tzif_block(0, 4, &[], &[], b"");
    assert!(Zone::from_tzif(&no_types).is_none());
}

#[test]
fn every_installed_zone_parses() {
    // Where a zone database is installed, every file of it must load.
    let Ok(entries) = std::fs::read_dir("/usr/share/zoneinfo/Europe") else {
        return;
    };
    for entry in entries.flatten() {
        if let Ok(bytes) = std::fs::read(entry.path())
            && bytes.starts_with(b"TZif")
        {
            assert!(Zone::from_tzif(&bytes).is_some(), "{:?}", entry.path());
        }
    }
}

#[test]
fn collected_files_are_closed_by_their_finalizer() {
    check(
        r#"
        local mt = getmetatable(io.stdout)
        local original = mt.__gc
        local finalized = 0
        mt.__gc = function (f) finalized = finalized + 1; return original(f) end
        local name = os.tmpname()
        do
          local f = assert(io.open(name, "w"))
          f:write("kept by the finalizer")
        end
        collectgarbage()
        collectgarbage()
        mt.__gc = original
        print(finalized)
        local f = assert(io.open(name))
        print(f:read("a"))
        f:close()
        os.remove(name)
        "#,
        "1\nkept by the finalizer\n",
    );
}

#[test]
fn a_weakly_held_file_is_closed_once_collected() {
    let output = output_of(
        r#"
        local name = os.tmpname()
        local weak = setmetatable({}, {__mode = "v"})
        weak[1] = io.open(name, "w")
        weak[1]:write("x")
        collectgarbage()
        collectgarbage()
        print(weak[1])
        os.remove(name)
        "#,
    );
    assert_eq!(output, "nil\n");
}

#[test]
fn pipes_carry_more_than_a_pipe_buffer_both_ways() {
    check(
        r#"
        local name = os.tmpname()
        local p = assert(io.popen("wc -c > " .. name, "w"))
        local chunk = string.rep("0123456789", 1000)
        for _ = 1, 100 do p:write(chunk) end
        print(p:close())
        local f = assert(io.open(name))
        print(f:read("n"))
        f:close()
        os.remove(name)
        p = assert(io.popen("yes 0123456789 | head -c 1000000"))
        local data = p:read("a")
        print(#data, p:close())
        "#,
        "true\texit\t0\n1000000\n1000000\ttrue\texit\t0\n",
    );
}

#[test]
fn a_dropped_pipe_is_waited_for() {
    check(
        r#"
        for _ = 1, 20 do io.popen("true") end
        collectgarbage()
        collectgarbage()
        print("ok")
        "#,
        "ok\n",
    );
}

#[test]
fn flush_all_writes_buffered_output_of_live_states() {
    let path = std::env::temp_dir().join(format!("saturn_flush_all_{}", std::process::id()));
    let sink = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut lua = common::new_state(sink);
    let source = format!(
        "KEEP = io.open('{}', 'w') KEEP:write('pending')",
        path.display()
    );
    lua.exec(source.as_bytes(), "=input").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    // What `os.exit` does before exiting, as C's `exit` flushes streams.
    saturn_stdlib::io::flush_all();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "pending");
    lua.exec(b"KEEP:write(' more')", "=input").unwrap();
    drop(lua);
    // Closing the state closes the file, writing what was buffered.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "pending more");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn reading_inside_a_coroutine_that_yields_between_lines() {
    check(
        r#"
        local name = os.tmpname()
        local f = assert(io.open(name, "w"))
        f:write("a\nb\nc\n")
        f:close()
        local co = coroutine.wrap(function ()
          for l in io.lines(name) do coroutine.yield(l) end
          return "done"
        end)
        print(co(), co(), co(), co())
        os.remove(name)
        "#,
        "a\tb\tc\tdone\n",
    );
}

#[test]
fn os_time_field_handlers_may_yield() {
    // PUC raises "attempt to yield across a C-call boundary" here.
    check(
        r#"
        local co = coroutine.wrap(function ()
          local fields = setmetatable({}, {
            __index = function (_, k) return coroutine.yield(k) end,
            __newindex = function (t, k, v) coroutine.yield("set " .. k) rawset(t, k, v) end,
          })
          return os.time(fields) == os.time{year = 2000, month = 1, day = 1}
        end)
        local asked = {co(), co(2000), co(1), co(1), co(nil), co(nil), co(nil)}
        print(asked[1], asked[7])
        local set = co(nil)
        for _ = 1, 8 do set = co() end
        print(set, co())
        "#,
        "year\tisdst\nset isdst\ttrue\n",
    );
}

#[test]
fn extreme_dates_and_times_give_lua_errors_or_results() {
    // Every conversion at the ends of the integer range, and tables with
    // extreme fields: errors are Lua errors, never panics.
    check(
        r#"
        local conversions = "%a%A%b%B%c%C%d%D%e%F%g%G%h%H%I%j%m%M%n%p%r%R%S%t%T%u%U%V%w%W%x%X%y%Y%z%Z%%"
        local extremes = {-9223372036854775807 - 1, -9223372036854775807,
          -67768040609740800, -1, 0, 1, 67767976233532799, 9223372036854775807}
        local ok_count = 0
        for _, t in ipairs(extremes) do
          -- Local time depends on the zone: only UTC results are counted.
          pcall(os.date, conversions, t)
          pcall(os.date, "*t", t)
          if pcall(os.date, "!" .. conversions, t) then ok_count = ok_count + 1 end
          if pcall(os.date, "!*t", t) then ok_count = ok_count + 1 end
        end
        local fields = {-2147483648, -2147483647, -1, 0, 1, 2147483647, 2147483648}
        for _, year in ipairs(fields) do
          for _, month in ipairs(fields) do
            for _, sec in ipairs(fields) do
              pcall(os.time, {year = year, month = month, day = 1, sec = sec})
              pcall(os.time, {year = year, month = month, day = sec, isdst = true})
            end
          end
        end
        print(ok_count)
        "#,
        "10\n",
    );
}
