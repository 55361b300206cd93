//! `suite-runner`: runs the official Lua 5.4 test suite (the `testes/` folder
//! of a Lua release, extracted anywhere) under `saturn`, one process per file.
//!
//! ```text
//! suite-runner [--saturn PATH] [--full] [--timeout SECS] [--tail N] SUITE_DIR [FILTER...]
//! ```
//!
//! * each `*.lua` file of SUITE_DIR runs in its own process, with SUITE_DIR as
//!   working directory and stdin an empty pipe;
//! * soft mode (default): `saturn -e "_soft=true _port=true _nomsg=true" FILE`;
//!   `--full` runs `saturn FILE` (every test, including long and non-portable ones);
//! * `heavy.lua` is skipped (it exhausts memory on purpose), `tracegc.lua` and
//!   `bwcoercion.lua` are helper modules loaded by other files, and `all.lua`
//!   is the driver that runs every other file in one process: it only runs
//!   when a filter names it;
//! * `big.lua` runs inside a coroutine, as `all.lua` does (it yields);
//! * FILTERs select the files whose name contains one of them (`errors`,
//!   `coroutine.lua`, ...);
//! * `--saturn PATH` chooses the interpreter (default: the `saturn` next to this
//!   executable, else `saturn` on PATH); any `lua5.4`-compatible binary works;
//! * `--timeout SECS` per file (default 120), `--tail N` stderr lines shown
//!   for a failing file (default 10).
//!
//! Output: one line `PASS|FAIL|TIMEOUT file seconds` per file (failures are
//! followed by the last lines of stderr, indented), then `N passed, N failed`.
//! The exit status is 0 only when every file passed.

use saturn_conformance::{run_with_timeout, tail_lines};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

const SOFT_FLAGS: &str = "_soft=true _port=true _nomsg=true";
/// Run as all.lua does: `big.lua` yields to its caller ('b'), then returns 'a'
/// (in soft mode it returns 'a' at once).
const BIG_DRIVER: &str = "local f = coroutine.wrap(assert(loadfile('big.lua'))) \
    local r = f() if r == 'b' then r = f() end \
    assert(r == 'a', 'big.lua did not run to completion')";
/// Never run: it exhausts memory on purpose.
const SKIPPED: &[&str] = &["heavy.lua"];
/// Modules loaded by other files, not tests themselves.
const HELPERS: &[&str] = &["tracegc.lua", "bwcoercion.lua"];
/// Runs every other file in one process: only when a filter names it.
const DRIVER: &str = "all.lua";

struct Options {
    saturn: PathBuf,
    full: bool,
    timeout: Duration,
    tail: usize,
    suite: PathBuf,
    filters: Vec<String>,
}

const USAGE: &str = "usage: suite-runner [--saturn PATH] [--full] [--timeout SECS] [--tail N] SUITE_DIR [FILTER...]";

fn parse_args() -> Result<Options, String> {
    let mut saturn = None;
    let mut full = false;
    let mut timeout = 120u64;
    let mut tail = 10usize;
    let mut positional = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--saturn" => saturn = Some(PathBuf::from(args.next().ok_or("--saturn needs a path")?)),
            "--full" => full = true,
            "--soft" => full = false,
            "--timeout" => {
                timeout = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--timeout needs a number of seconds")?
            }
            "--tail" => {
                tail = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--tail needs a number of lines")?
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => positional.push(a),
        }
    }
    if positional.is_empty() {
        return Err("missing SUITE_DIR".into());
    }
    let suite = PathBuf::from(positional.remove(0));
    let saturn = match saturn {
        Some(p) => absolute(&p),
        None => default_saturn(),
    };
    Ok(Options {
        saturn,
        full,
        timeout: Duration::from_secs(timeout),
        tail,
        suite,
        filters: positional,
    })
}

/// Paths given relative to the caller's directory must survive the change of
/// working directory to the suite folder.
fn absolute(p: &Path) -> PathBuf {
    if p.components().count() > 1 || p.is_absolute() {
        std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
    } else {
        // A bare name (`lua5.4`) is looked up on PATH, unless such a file
        // exists in the current directory.
        if p.exists() {
            std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
        } else {
            p.to_path_buf()
        }
    }
}

fn default_saturn() -> PathBuf {
    let name = format!("saturn{}", std::env::consts::EXE_SUFFIX);
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        let sibling = dir.join(&name);
        if sibling.exists() {
            return sibling;
        }
    }
    PathBuf::from(name)
}

/// The files to run, sorted, and the ones left out (with the reason).
fn select_files(opts: &Options) -> Result<(Vec<String>, Vec<String>), String> {
    let entries = std::fs::read_dir(&opts.suite)
        .map_err(|e| format!("cannot read {}: {e}", opts.suite.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    let mut run = Vec::new();
    let mut left_out = Vec::new();
    for n in names {
        let named = opts.filters.iter().any(|f| n.contains(f.as_str()));
        if !opts.filters.is_empty() && !named {
            continue;
        }
        if SKIPPED.contains(&n.as_str()) {
            left_out.push(format!("{n} (skipped)"));
        } else if HELPERS.contains(&n.as_str()) {
            left_out.push(format!("{n} (helper module)"));
        } else if n == DRIVER && !named {
            left_out.push(format!("{n} (driver; name it to run it)"));
        } else {
            run.push(n);
        }
    }
    Ok((run, left_out))
}

fn command_for(opts: &Options, file: &str) -> Command {
    let mut cmd = Command::new(&opts.saturn);
    cmd.current_dir(&opts.suite);
    if !opts.full {
        cmd.args(["-e", SOFT_FLAGS]);
    }
    if file == "big.lua" {
        cmd.args(["-e", BIG_DRIVER]);
    } else {
        cmd.arg(file);
    }
    cmd
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("suite-runner: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (files, left_out) = match select_files(&opts) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("suite-runner: {e}");
            return ExitCode::from(2);
        }
    };
    println!(
        "running {} files of {} with {} ({} mode, timeout {} s)",
        files.len(),
        opts.suite.display(),
        opts.saturn.display(),
        if opts.full { "full" } else { "soft" },
        opts.timeout.as_secs()
    );
    if !left_out.is_empty() {
        println!("not run: {}", left_out.join(", "));
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let mut cmd = command_for(&opts, file);
        match run_with_timeout(&mut cmd, opts.timeout) {
            Err(e) => {
                failed += 1;
                println!("FAIL {file} 0.00");
                println!("    cannot run {}: {e}", opts.saturn.display());
            }
            Ok(out) => {
                let secs = out.elapsed.as_secs_f64();
                if out.success() {
                    passed += 1;
                    println!("PASS {file} {secs:.2}");
                } else {
                    failed += 1;
                    let verdict = if out.timed_out() { "TIMEOUT" } else { "FAIL" };
                    println!("{verdict} {file} {secs:.2}");
                    println!("    ({})", out.describe_status());
                    let shown = if out.stderr.is_empty() {
                        &out.stdout
                    } else {
                        &out.stderr
                    };
                    print!("{}", tail_lines(shown, opts.tail, "    "));
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
