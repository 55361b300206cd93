//! A deterministic slice of the differential fuzzer: fixed seeds, small
//! programs, each run under `saturn` and `lua5.4`. Any difference fails the
//! test with the seed and the minimised reproducer (rerun it with
//! `lua-fuzz --seeds N..N+1 --small`).
//!
//! Without `lua5.4` the test says so and only checks that Saturn ends every
//! program sanely: no panic, no crash, no hang, exit status 0 or 1.
//! `LUA_FUZZ_SECOND_REFERENCE=path/to/lua-5.4.8/lua` lets differences that
//! the newer release shares with Saturn pass as version differences;
//! `LUA_FUZZ_SEEDS=A..B` changes the slice.

use saturn_conformance::fuzz::campaign::{self, Settings};
use saturn_conformance::fuzz::generate::Size;
use saturn_conformance::fuzz::minimise::Budget;
use saturn_conformance::fuzz::runner::Interpreters;
use saturn_conformance::{program_available, saturn_for_tests};
use std::path::{Path, PathBuf};
use std::time::Duration;

const REFERENCE: &str = "lua5.4";

fn seeds() -> std::ops::Range<u64> {
    let parsed = std::env::var("LUA_FUZZ_SEEDS").ok().and_then(|v| {
        let (a, b) = v.split_once("..")?;
        Some(a.parse().ok()?..b.parse().ok()?)
    });
    parsed.unwrap_or(0..500)
}

#[test]
fn fuzz_slice_matches_reference() {
    let saturn = saturn_for_tests(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("cannot obtain the saturn binary: {e}"));
    let reference = if program_available(REFERENCE) {
        Some(PathBuf::from(REFERENCE))
    } else {
        println!(
            "{REFERENCE} not installed: only checking that saturn ends every program without a crash (apt-get install -y lua5.4)"
        );
        None
    };
    let has_reference = reference.is_some();
    let settings = Settings {
        interpreters: Interpreters {
            saturn,
            reference,
            second_reference: std::env::var_os("LUA_FUZZ_SECOND_REFERENCE").map(PathBuf::from),
            timeout: Duration::from_secs(20),
        },
        size: Size::SMALL,
        workdir: std::env::temp_dir().join(format!("lua-fuzz-test-{}", std::process::id())),
        minimise: true,
        budget: Budget { tests: 400 },
        jobs: 2,
        deadline: None,
        verbose: false,
    };
    let summary = campaign::run(&settings, seeds());
    let _ = std::fs::remove_dir_all(&settings.workdir);
    println!("{}", summary.report());
    assert!(
        summary.findings.is_empty(),
        "saturn differs from {REFERENCE} on the fuzzing slice (reproducers above)\n{}",
        summary.report()
    );
    if has_reference {
        assert_eq!(
            summary.invalid_programs, 0,
            "the generator produced programs {REFERENCE} rejects"
        );
        assert_eq!(
            summary.nondeterministic, 0,
            "the generator produced programs whose output varies between runs"
        );
        assert!(summary.programs >= seeds().end - seeds().start);
    }
}
