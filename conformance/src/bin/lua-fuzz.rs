//! `lua-fuzz`: differential fuzzing of Saturn against the reference Lua.
//!
//! ```text
//! lua-fuzz [--saturn PATH] [--reference PATH] [--second-reference PATH]
//!          [--seeds A..B | --start N] [--duration SECS] [--jobs N] [--small]
//!          [--timeout SECS] [--budget N] [--no-minimise] [--out DIR] [--print SEED]
//! ```
//!
//! Each seed gives a random Lua 5.4 program; it runs under `saturn` and the
//! reference (`lua5.4` on PATH by default), stdout and exit status are
//! compared, and each distinct difference is minimised and reported with its
//! seed. `--second-reference` (or `LUA_FUZZ_SECOND_REFERENCE`) names a newer
//! PUC build consulted on a difference: when it agrees with Saturn the
//! difference is a 5.4.4-vs-newer one and is only counted. Runs until the
//! seed range is exhausted or `--duration` elapses (default range: 0..1000
//! without `--duration`, unbounded with it). `--out DIR` writes every
//! reproducer as `DIR/seed-N.lua`. `--print SEED` prints the program of one
//! seed and exits. The exit status is 1 when a difference was found.

use saturn_conformance::fuzz::campaign::{self, Settings};
use saturn_conformance::fuzz::generate::{Size, generate};
use saturn_conformance::fuzz::minimise::Budget;
use saturn_conformance::fuzz::runner::Interpreters;
use saturn_conformance::program_available;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: lua-fuzz [--saturn PATH] [--reference PATH] [--second-reference PATH] \
[--seeds A..B | --start N] [--duration SECS] [--jobs N] [--small] [--timeout SECS] \
[--budget N] [--no-minimise] [--out DIR] [--print SEED]";

struct Options {
    settings: Settings,
    seeds: std::ops::Range<u64>,
    out: Option<PathBuf>,
    print: Option<u64>,
}

fn number<T: std::str::FromStr>(flag: &str, value: Option<String>) -> Result<T, String> {
    let v = value.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse()
        .map_err(|_| format!("{flag}: '{v}' is not a valid number"))
}

fn default_saturn() -> PathBuf {
    let exe = std::env::current_exe().ok();
    let sibling = exe.and_then(|e| {
        e.parent()
            .map(|d| d.join(format!("saturn{}", std::env::consts::EXE_SUFFIX)))
    });
    match sibling {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("saturn"),
    }
}

fn parse_args() -> Result<Options, String> {
    let mut saturn = default_saturn();
    let mut reference = Some(PathBuf::from("lua5.4"));
    let mut second = std::env::var_os("LUA_FUZZ_SECOND_REFERENCE").map(PathBuf::from);
    let mut start = 0u64;
    let mut end: Option<u64> = None;
    let mut duration: Option<Duration> = None;
    let mut jobs = 1usize;
    let mut size = Size::NORMAL;
    let mut timeout = Duration::from_secs(10);
    let mut budget = Budget { tests: 1500 };
    let mut minimise = true;
    let mut out = None;
    let mut print = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--saturn" => saturn = PathBuf::from(args.next().ok_or("--saturn needs a path")?),
            "--reference" => {
                reference = Some(PathBuf::from(
                    args.next().ok_or("--reference needs a path")?,
                ))
            }
            "--second-reference" => {
                second = Some(PathBuf::from(
                    args.next().ok_or("--second-reference needs a path")?,
                ))
            }
            "--seeds" => {
                let v = args.next().ok_or("--seeds needs A..B")?;
                let (a, b) = v.split_once("..").ok_or("--seeds needs A..B")?;
                start = number("--seeds", Some(a.to_string()))?;
                end = Some(number("--seeds", Some(b.to_string()))?);
            }
            "--start" => start = number("--start", args.next())?,
            "--duration" => {
                duration = Some(Duration::from_secs(number("--duration", args.next())?))
            }
            "--jobs" => jobs = number("--jobs", args.next())?,
            "--small" => size = Size::SMALL,
            "--timeout" => timeout = Duration::from_secs(number("--timeout", args.next())?),
            "--budget" => budget.tests = number("--budget", args.next())?,
            "--no-minimise" => minimise = false,
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a directory")?)),
            "--print" => print = Some(number("--print", args.next())?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument '{other}'\n{USAGE}")),
        }
    }
    if let Some(r) = &reference
        && !program_available(&r.to_string_lossy())
    {
        eprintln!(
            "lua-fuzz: reference {} not found: only checking that saturn never crashes",
            r.display()
        );
        reference = None;
    }
    let end = end.unwrap_or(if duration.is_some() {
        u64::MAX
    } else {
        start + 1000
    });
    let workdir = std::env::temp_dir().join(format!("lua-fuzz-{}", std::process::id()));
    Ok(Options {
        settings: Settings {
            interpreters: Interpreters {
                saturn,
                reference,
                second_reference: second,
                timeout,
            },
            size,
            workdir,
            minimise,
            budget,
            jobs,
            deadline: duration.map(|d| Instant::now() + d),
            verbose: true,
        },
        seeds: start..end,
        out,
        print,
    })
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(seed) = options.print {
        print!("{}", generate(seed, options.settings.size).render());
        return ExitCode::SUCCESS;
    }
    let summary = campaign::run(&options.settings, options.seeds.clone());
    let _ = std::fs::remove_dir_all(&options.settings.workdir);
    if let Some(dir) = &options.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("lua-fuzz: cannot create {}: {e}", dir.display());
        }
        for f in &summary.findings {
            let path = dir.join(format!("seed-{}.lua", f.seed));
            if let Err(e) = std::fs::write(&path, &f.reproducer) {
                eprintln!("lua-fuzz: cannot write {}: {e}", path.display());
            }
        }
    }
    print!("{}", summary.report());
    if summary.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
