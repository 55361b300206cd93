//! Differential conformance test: every `corpus/NAME.lua` is run under
//! `saturn` and its stdout must be byte-identical to `corpus/NAME.expected`
//! (generated from `lua5.4`, see `conformance/README.md`). When `lua5.4` is
//! installed, the test also checks that it still produces the `.expected`
//! output, so the corpus cannot silently drift from the reference.
//!
//! Locating `saturn` (the binary lives in another package, so Cargo does not
//! give us `CARGO_BIN_EXE_saturn`):
//!
//! 1. `SATURN_BIN=/path/to/saturn` is used as is, without building anything;
//! 2. otherwise the test derives the target directory and profile from its own
//!    executable (`<target>/<profile>/deps/differential-*`), which follows
//!    `CARGO_TARGET_DIR`, `--release`, `--profile` and `--target` for free,
//!    and runs `cargo build -p saturn --bin saturn` with the same profile and
//!    target dir (a no-op when it is up to date, so the binary is never stale);
//!    the binary is then `<target>/<profile>/saturn`.
//!
//! Each script runs in its own process, with the corpus directory as working
//! directory, stdin an empty pipe and a 10 s timeout (`SATURN_TIMEOUT_SECS`
//! changes it). `CONFORMANCE_FILTER=substr` restricts the run to scripts whose
//! name contains `substr`. All differences are collected and reported at the
//! end; the closing line is `N passed, N failed`.

use saturn_conformance::{
    TargetLayout, build_saturn, first_difference, program_available, run_with_timeout, tail_lines,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

const REFERENCE: &str = "lua5.4";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The `saturn` binary to test (see the module documentation).
fn locate_saturn() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("SATURN_BIN") {
        let p = PathBuf::from(p);
        return if p.exists() {
            Ok(p)
        } else {
            Err(format!("SATURN_BIN={} does not exist", p.display()))
        };
    }
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let layout = TargetLayout::from_executable(&exe)
        .ok_or_else(|| format!("cannot derive the target directory from {}", exe.display()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    build_saturn(
        Path::new(&cargo),
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &layout,
    )
}

/// The corpus scripts, sorted by name, with their expected outputs.
fn corpus() -> Vec<(String, PathBuf)> {
    let filter = std::env::var("CONFORMANCE_FILTER").unwrap_or_default();
    let mut scripts: Vec<(String, PathBuf)> = std::fs::read_dir(corpus_dir())
        .expect("conformance/corpus exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .filter(|(name, _)| name.contains(&filter))
        .collect();
    scripts.sort();
    scripts
}

fn timeout() -> Duration {
    let secs = std::env::var("SATURN_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(secs)
}

/// Runs `interpreter NAME.lua` in the corpus directory and compares its
/// stdout with `expected`. Returns `None` on a match, else a report.
fn check(interpreter: &Path, name: &str, expected: &[u8]) -> Option<String> {
    let mut cmd = Command::new(interpreter);
    cmd.arg(name).current_dir(corpus_dir());
    let out = match run_with_timeout(&mut cmd, timeout()) {
        Ok(o) => o,
        Err(e) => {
            return Some(format!(
                "{name}: could not run {}: {e}\n",
                interpreter.display()
            ));
        }
    };
    let diff = first_difference(expected, &out.stdout);
    if diff.is_none() && out.success() {
        return None;
    }
    let mut report = format!("{name}: {}\n", out.describe_status());
    match diff {
        Some((line, exp, got)) => {
            report.push_str(&format!(
                "  first difference at line {line}\n    expected: {exp}\n    got:      {got}\n"
            ));
        }
        None => report.push_str("  stdout matches, but the exit status is not 0\n"),
    }
    if !out.stderr.is_empty() {
        report.push_str("  stderr:\n");
        report.push_str(&tail_lines(&out.stderr, 8, "    "));
    }
    Some(report)
}

/// Runs `check` over all scripts on a few worker threads; returns
/// `(passed, (script, failure report) sorted by script name)`.
fn run_all(interpreter: &Path, scripts: &[(String, PathBuf)]) -> (usize, Vec<(String, String)>) {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 8);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((name, path)) = scripts.get(i) else {
                        break;
                    };
                    let expected_path = path.with_extension("expected");
                    let report = match std::fs::read(&expected_path) {
                        Ok(expected) => check(interpreter, name, &expected),
                        Err(e) => Some(format!(
                            "{name}: cannot read {}: {e} (regenerate with conformance/check.sh --regen)\n",
                            expected_path.display()
                        )),
                    };
                    if let Some(r) = report {
                        failures.lock().unwrap().push((name.clone(), r));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let passed = scripts.len() - failures.len();
    (passed, failures)
}

/// Scripts Saturn is known to get wrong today, from `known_failures.txt`: one
/// name per line, `#` starts a comment saying why. They are reported but do
/// not fail the test; a listed script that passes does, so the list can only
/// shrink and never hides a fixed script.
fn known_failures() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("known_failures.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn corpus_matches_expected_outputs() {
    let scripts = corpus();
    assert!(!scripts.is_empty(), "no corpus scripts selected");
    let mut summary = String::new();
    let mut failed = false;

    // 1. The reference interpreter must still agree with the .expected files.
    if program_available(REFERENCE) {
        let (passed, failures) = run_all(Path::new(REFERENCE), &scripts);
        println!(
            "{REFERENCE} reference: {passed} passed, {} failed",
            failures.len()
        );
        if !failures.is_empty() {
            failed = true;
            summary.push_str(&format!(
                "\n=== {REFERENCE} no longer produces the .expected output ({} scripts) ===\n",
                failures.len()
            ));
            for (_, f) in &failures {
                summary.push_str(f);
            }
        }
    } else {
        println!(
            "{REFERENCE} not installed: skipping the reference comparison (apt-get install -y lua5.4)"
        );
    }

    // 2. saturn must produce the .expected output.
    let (passed, failed_count, known_count) = match locate_saturn() {
        Ok(saturn) => {
            println!("testing {}", saturn.display());
            let (passed, failures) = run_all(&saturn, &scripts);
            let known = known_failures();
            let (expected_failures, failures): (Vec<_>, Vec<_>) = failures
                .into_iter()
                .partition(|(name, _)| known.contains(name));
            let fixed: Vec<&String> = known
                .iter()
                .filter(|name| scripts.iter().any(|(s, _)| s == *name))
                .filter(|name| !expected_failures.iter().any(|(f, _)| f == *name))
                .collect();
            if !expected_failures.is_empty() {
                summary.push_str(&format!(
                    "\n=== known failures, listed in known_failures.txt ({}) ===\n",
                    expected_failures.len()
                ));
                for (name, _) in &expected_failures {
                    summary.push_str(&format!("{name}\n"));
                }
            }
            if !fixed.is_empty() {
                failed = true;
                summary.push_str(
                    "\n=== listed in known_failures.txt but now passing: remove them ===\n",
                );
                for name in &fixed {
                    summary.push_str(&format!("{name}\n"));
                }
            }
            if !failures.is_empty() {
                failed = true;
                summary.push_str(&format!(
                    "\n=== saturn differs from the expected output ({} of {} scripts) ===\n",
                    failures.len(),
                    scripts.len()
                ));
                for (_, f) in &failures {
                    summary.push_str(f);
                }
            }
            (
                passed,
                failures.len() + fixed.len(),
                expected_failures.len(),
            )
        }
        Err(e) => {
            failed = true;
            summary.push_str(&format!("\ncannot obtain the saturn binary: {e}\n"));
            (0, scripts.len(), 0)
        }
    };
    print!("{summary}");
    if known_count > 0 {
        println!("{known_count} known failures (known_failures.txt)");
    }
    println!("{passed} passed, {failed_count} failed");
    assert!(
        !failed,
        "conformance corpus: {passed} passed, {failed_count} failed (details above)"
    );
}
