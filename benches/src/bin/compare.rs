//! `compare`: runs the Lua programs in `benches/lua/` under saturn and under a
//! reference interpreter, and prints their CPU times side by side.
//!
//! ```text
//! cargo run --release -p saturn-benches --bin compare -- \
//!     [--saturn PATH] [--reference PATH] [--runs N] [FILTER...]
//! ```
//!
//! Why CPU time and not wall-clock time: the machines we measure on are
//! shared, and CPU time (user + system) of the child is far less disturbed by
//! other load than elapsed time. Why the minimum of several runs: noise only
//! ever adds time, so the fastest run is the closest to the program's cost.
//! Why the runs alternate between the two interpreters: a slow phase of the
//! machine then hurts both sides alike instead of only one.
//!
//! Both interpreters must print exactly the same output; a benchmark whose
//! outputs differ is reported as a MISMATCH and left out of the mean, because
//! a fast wrong answer is not a result.
#![forbid(unsafe_code)]

use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

const USAGE: &str = "\
usage: compare [--saturn PATH] [--reference PATH] [--runs N] [FILTER...]

Runs every benches/lua/*.lua whose name contains one of the FILTERs (all of
them when none is given) under saturn and under the reference interpreter,
N times each, alternating, and prints the minimum CPU time (user + sys) of
each side and the ratio saturn / reference.

  --saturn PATH     interpreter under test (default: target/release/saturn of
                    this workspace, built with `cargo build --release --bin
                    saturn` when it is missing)
  --reference PATH  reference interpreter (default: lua5.4 on PATH)
  --runs N          runs per interpreter and benchmark (default: 3)
  -h, --help        print this text";

fn main() -> ExitCode {
    let options = match Options::parse(env::args_os().skip(1)) {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("compare: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("compare: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the whole comparison. `Ok(false)` means it completed but some
/// benchmark failed or mismatched, so scripts can notice.
fn run(options: &Options) -> Result<bool, String> {
    let clock = ChildClock::new()?;
    let saturn = match &options.saturn {
        Some(path) => path.clone(),
        None => default_saturn()?,
    };
    let benchmarks = find_benchmarks(&lua_dir(), &options.filters)?;
    if benchmarks.is_empty() {
        return Err("no benchmark matches the filters".to_string());
    }

    println!("saturn:    {}", saturn.display());
    println!("reference: {}", options.reference.display());
    println!(
        "runs:      {} each, minimum CPU time (user + sys)\n",
        options.runs
    );
    let sides = [
        Interpreter {
            name: "saturn",
            program: &saturn,
        },
        Interpreter {
            name: "reference",
            program: &options.reference,
        },
    ];

    let width = benchmarks
        .iter()
        .map(|b| b.name.len())
        .max()
        .unwrap_or(0)
        .max("benchmark".len());
    println!(
        "{:<width$}  {:>9}  {:>11}  {:>6}",
        "benchmark", "saturn s", "reference s", "ratio"
    );

    let mut ratios = Vec::new();
    let mut all_ok = true;
    for bench in &benchmarks {
        let outcome = measure(bench, &sides, options.runs, &clock);
        let line = match outcome {
            Outcome::Timed { saturn, reference } => {
                let ratio = saturn / reference;
                ratios.push(ratio);
                format!("{saturn:>9.3}  {reference:>11.3}  {ratio:>6.2}")
            }
            Outcome::TooShort { saturn, reference } => {
                all_ok = false;
                format!("{saturn:>9.3}  {reference:>11.3}  (too short to compare)")
            }
            Outcome::Mismatch(difference) => {
                all_ok = false;
                format!("MISMATCH (excluded): {difference}")
            }
            Outcome::Failed(why) => {
                all_ok = false;
                format!("FAILED: {why}")
            }
        };
        println!("{:<width$}  {line}", bench.name);
        // Rows appear as they finish: a full comparison takes minutes.
        io::stdout().flush().ok();
    }

    println!();
    match geometric_mean(&ratios) {
        Some(mean) => println!(
            "geometric mean of ratios ({} of {} benchmarks): {mean:.2}",
            ratios.len(),
            benchmarks.len()
        ),
        None => println!("geometric mean of ratios: none (no benchmark was timed)"),
    }
    Ok(all_ok)
}

/// The command line, parsed.
struct Options {
    saturn: Option<PathBuf>,
    reference: PathBuf,
    runs: u32,
    filters: Vec<String>,
}

enum Parsed {
    Run(Options),
    Help,
}

impl Options {
    fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, String> {
        let mut options = Options {
            saturn: None,
            reference: PathBuf::from("lua5.4"),
            runs: 3,
            filters: Vec::new(),
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value"));
            match arg.to_str() {
                Some("-h" | "--help") => return Ok(Parsed::Help),
                Some("--saturn") => options.saturn = Some(value("--saturn")?.into()),
                Some("--reference") => options.reference = value("--reference")?.into(),
                Some("--runs") => {
                    let text = value("--runs")?;
                    options.runs = text
                        .to_str()
                        .and_then(|t| t.parse().ok())
                        .filter(|&n: &u32| n > 0)
                        .ok_or_else(|| format!("--runs wants a positive integer, got {text:?}"))?;
                }
                Some(flag) if flag.starts_with('-') => {
                    return Err(format!("unknown option {flag}"));
                }
                _ => options.filters.push(arg.to_string_lossy().into_owned()),
            }
        }
        Ok(Parsed::Run(options))
    }
}

/// The workspace root: this package lives in its `benches/` directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn lua_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lua")
}

/// `target/release/saturn` of the workspace, built on the spot when missing
/// so a fresh checkout can run the comparison in one command. An existing
/// binary is used as it is: rebuild it yourself after changing the VM.
fn default_saturn() -> Result<PathBuf, String> {
    let root = workspace_root();
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let binary = target
        .join("release")
        .join(format!("saturn{}", env::consts::EXE_SUFFIX));
    if binary.is_file() {
        return Ok(binary);
    }
    eprintln!(
        "compare: {} is missing, running `cargo build --release --bin saturn`",
        binary.display()
    );
    // `cargo run` tells its child which cargo started it.
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--bin", "saturn"])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() || !binary.is_file() {
        return Err(format!("building saturn failed ({status})"));
    }
    Ok(binary)
}

/// One Lua program to measure.
struct Benchmark {
    name: String,
    path: PathBuf,
}

/// Every `*.lua` in `dir` whose name contains one of `filters`, sorted by name
/// so the table reads the same every time.
fn find_benchmarks(dir: &Path, filters: &[String]) -> Result<Vec<Benchmark>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.extension().is_none_or(|ext| ext != "lua") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())) {
            found.push(Benchmark {
                name: name.to_string(),
                path: path.clone(),
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// One side of the comparison.
struct Interpreter<'a> {
    name: &'static str,
    program: &'a Path,
}

/// What became of one benchmark.
enum Outcome {
    /// Minimum CPU seconds of each side; outputs agreed.
    Timed { saturn: f64, reference: f64 },
    /// The reference took under one clock tick, so no ratio can be formed.
    TooShort { saturn: f64, reference: f64 },
    /// The outputs differ (between the sides, or between runs of one side);
    /// says where, so the bug can be found without rerunning by hand.
    Mismatch(String),
    /// An interpreter could not be started or exited with an error.
    Failed(String),
}

/// Runs `bench` `runs` times under each interpreter, alternating, and keeps
/// the fastest run of each side.
fn measure(bench: &Benchmark, sides: &[Interpreter; 2], runs: u32, clock: &ChildClock) -> Outcome {
    let mut best = [f64::INFINITY; 2];
    // The first output seen, and whose it was, is what every run must print.
    let mut expected: Option<(&str, Vec<u8>)> = None;
    for _ in 0..runs {
        for (side, interpreter) in sides.iter().enumerate() {
            let run = match run_once(interpreter, &bench.path, clock) {
                Ok(run) => run,
                Err(why) => return Outcome::Failed(format!("{}: {why}", interpreter.name)),
            };
            match &expected {
                None => expected = Some((interpreter.name, run.stdout)),
                Some((first_name, first)) if *first != run.stdout => {
                    return Outcome::Mismatch(first_difference(
                        (first_name, first),
                        (interpreter.name, &run.stdout),
                    ));
                }
                Some(_) => {}
            }
            best[side] = best[side].min(run.cpu_seconds);
        }
    }
    let [saturn, reference] = best;
    if reference > 0.0 {
        Outcome::Timed { saturn, reference }
    } else {
        Outcome::TooShort { saturn, reference }
    }
}

/// The result of one child process.
struct Run {
    stdout: Vec<u8>,
    cpu_seconds: f64,
}

/// Runs `interpreter script` to completion and charges it the CPU time that
/// the runner's finished children grew by meanwhile. Only one child is ever
/// alive at a time, so that growth belongs to this child alone.
fn run_once(interpreter: &Interpreter, script: &Path, clock: &ChildClock) -> Result<Run, String> {
    let before = clock.children_ticks()?;
    let output = Command::new(interpreter.program)
        .arg(script)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", interpreter.program.display()))?;
    let after = clock.children_ticks()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_line = stderr.lines().next().unwrap_or("").trim();
        return Err(format!("{}: {first_line}", output.status));
    }
    Ok(Run {
        stdout: output.stdout,
        cpu_seconds: after.saturating_sub(before) as f64 / clock.ticks_per_second,
    })
}

/// Describes the first line where two outputs part, naming who printed
/// what, e.g. `line 2: saturn printed "fib 5", reference "fib 6"`.
fn first_difference(first: (&str, &[u8]), second: (&str, &[u8])) -> String {
    let (first_name, second_name) = (first.0, second.0);
    let first = String::from_utf8_lossy(first.1);
    let second = String::from_utf8_lossy(second.1);
    let (mut ones, mut twos) = (first.lines(), second.lines());
    let mut line = 1;
    loop {
        let (one, two) = (ones.next(), twos.next());
        if one.is_some() && one == two {
            line += 1;
            continue;
        }
        let show = |text: Option<&str>| text.map_or("nothing".to_string(), |t| format!("{t:?}"));
        return match (one, two) {
            // Same lines, so only line endings or a final newline differ.
            (None, None) => "outputs differ in line endings".to_string(),
            _ => format!(
                "line {line}: {first_name} printed {}, {second_name} {}",
                show(one),
                show(two)
            ),
        };
    }
}

/// CPU time of this process's waited-for children, read from the kernel.
///
/// std has no `getrusage`, but on Linux `/proc/self/stat` carries `cutime`
/// and `cstime`: user and system time of all children that have been waited
/// for, in clock ticks. Reading it before and after waiting on one child
/// gives that child's CPU time.
struct ChildClock {
    ticks_per_second: f64,
}

impl ChildClock {
    fn new() -> Result<Self, String> {
        if !cfg!(target_os = "linux") {
            return Err("measuring child CPU time needs Linux's /proc".to_string());
        }
        let clock = ChildClock {
            ticks_per_second: clock_ticks_per_second(),
        };
        clock.children_ticks()?;
        Ok(clock)
    }

    /// `cutime + cstime` of this process.
    fn children_ticks(&self) -> Result<u64, String> {
        let stat = fs::read_to_string("/proc/self/stat")
            .map_err(|e| format!("cannot read /proc/self/stat: {e}"))?;
        parse_children_ticks(&stat).ok_or_else(|| "unexpected /proc/self/stat format".to_string())
    }
}

/// Extracts `cutime + cstime` (fields 16 and 17 of proc(5)) from a
/// `/proc/<pid>/stat` line. The command name in field 2 is in parentheses and
/// may itself contain spaces or parentheses, so counting starts after the
/// last `)`, where field 3 begins.
fn parse_children_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(16 - 3);
    let cutime: u64 = fields.next()?.parse().ok()?;
    let cstime: u64 = fields.next()?.parse().ok()?;
    Some(cutime + cstime)
}

/// Clock ticks per second (`CLK_TCK`), as `getconf` reports it. Linux has used
/// 100 on every mainstream architecture for decades, hence the fallback.
fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|&ticks| ticks > 0.0)
        .unwrap_or(100.0)
}

/// The geometric mean, the right average for ratios: a 2× win and a 2× loss
/// cancel out to 1.0.
fn geometric_mean(ratios: &[f64]) -> Option<f64> {
    if ratios.is_empty() {
        return None;
    }
    let log_sum: f64 = ratios.iter().map(|r| r.ln()).sum();
    Some((log_sum / ratios.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Parsed, String> {
        Options::parse(args.iter().map(OsString::from))
    }

    #[test]
    fn children_ticks_are_fields_16_and_17() {
        // A command name with a space and a parenthesis must not shift fields.
        let stat = "4242 (odd) name) S 1 4242 4242 0 -1 4194304 100 5 0 0 \
                    7 3 250 40 20 0 1 0 12345 1000 200 18446744073709551615";
        assert_eq!(parse_children_ticks(stat), Some(290));
    }

    #[test]
    fn own_stat_parses() {
        let stat = fs::read_to_string("/proc/self/stat").unwrap();
        assert!(parse_children_ticks(&stat).is_some());
    }

    #[test]
    fn options_defaults_and_flags() {
        let Ok(Parsed::Run(o)) = parse(&[]) else {
            panic!("defaults")
        };
        assert!(o.saturn.is_none());
        assert_eq!(o.reference, PathBuf::from("lua5.4"));
        assert_eq!(o.runs, 3);

        let Ok(Parsed::Run(o)) = parse(&[
            "--saturn",
            "/s",
            "--reference",
            "/r",
            "--runs",
            "5",
            "fib",
            "oop",
        ]) else {
            panic!("flags")
        };
        assert_eq!(o.saturn, Some(PathBuf::from("/s")));
        assert_eq!(o.reference, PathBuf::from("/r"));
        assert_eq!(o.runs, 5);
        assert_eq!(o.filters, ["fib", "oop"]);
    }

    #[test]
    fn options_errors() {
        assert!(parse(&["--runs", "0"]).is_err());
        assert!(parse(&["--runs"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert!(matches!(parse(&["--help"]), Ok(Parsed::Help)));
    }

    #[test]
    fn first_difference_names_the_line() {
        let diff = |one: &[u8], two: &[u8]| first_difference(("saturn", one), ("reference", two));
        assert_eq!(
            diff(b"a\nb\n", b"a\nc\n"),
            r#"line 2: saturn printed "b", reference "c""#
        );
        assert_eq!(
            diff(b"a\nb\n", b"a\n"),
            r#"line 2: saturn printed "b", reference nothing"#
        );
        assert_eq!(
            diff(b"a\n", b"a\nb\n"),
            r#"line 2: saturn printed nothing, reference "b""#
        );
        assert_eq!(diff(b"a\n", b"a"), "outputs differ in line endings");
    }

    #[test]
    fn geometric_mean_of_reciprocals_is_one() {
        let mean = geometric_mean(&[2.0, 0.5]).unwrap();
        assert!((mean - 1.0).abs() < 1e-12);
        assert_eq!(geometric_mean(&[]), None);
    }

    #[test]
    fn every_benchmark_is_found() {
        let all = find_benchmarks(&lua_dir(), &[]).unwrap();
        assert!(all.iter().any(|b| b.name == "fib"));
        let some = find_benchmarks(&lua_dir(), &["fib".to_string()]).unwrap();
        assert!(some.iter().all(|b| b.name.contains("fib")));
    }
}
