//! Shared helpers for Saturn's conformance tooling: running an interpreter as a
//! child process with a timeout, locating the `saturn` binary, and comparing
//! outputs.
//!
//! Used by the differential corpus test (`tests/differential.rs`) and by the
//! official-suite runner (`src/main.rs`, the `suite-runner` binary), and the
//! differential fuzzer ([`fuzz`], the `lua-fuzz` binary).

pub mod fuzz;

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What happened to a child process run by [`run_with_timeout`].
#[derive(Debug)]
pub struct RunOutput {
    /// Everything the child wrote on stdout (read until EOF or the kill).
    pub stdout: Vec<u8>,
    /// Everything the child wrote on stderr.
    pub stderr: Vec<u8>,
    /// Exit status; `None` when the child was killed for exceeding the timeout.
    pub status: Option<ExitStatus>,
    /// Wall-clock time between spawn and exit (or kill).
    pub elapsed: Duration,
}

impl RunOutput {
    /// True when the child was killed because it ran past its timeout.
    pub fn timed_out(&self) -> bool {
        self.status.is_none()
    }

    /// True when the child exited normally with status 0.
    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }

    /// A short human description of how the child ended.
    pub fn describe_status(&self) -> String {
        match self.status {
            None => format!("killed after {:.1} s (timeout)", self.elapsed.as_secs_f64()),
            Some(s) => match s.code() {
                Some(c) => format!("exit status {c}"),
                None => format!("terminated by a signal ({s})"),
            },
        }
    }
}

/// Spawns `cmd` with stdin connected to an empty pipe (closed at once) and
/// stdout/stderr captured, and waits at most `timeout` for it. Past the
/// timeout the child is killed and `status` is `None`.
///
/// The outputs are drained by two reader threads so a chatty child can never
/// block on a full pipe; the calling thread acts as the watchdog, polling the
/// child with `try_wait`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> std::io::Result<RunOutput> {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    // Closing our end of stdin gives the child an empty pipe: reads see EOF.
    drop(child.stdin.take());
    let out_reader = spawn_reader(child.stdout.take());
    let err_reader = spawn_reader(child.stderr.take());

    let mut poll = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() >= timeout {
            // The child may exit between try_wait and kill: both outcomes are fine.
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(poll);
        poll = (poll * 2).min(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    // A killed child may have left grandchildren holding the pipes open; the
    // readers are detached in that case rather than joined forever.
    let stdout = join_reader(out_reader, status.is_none());
    let stderr = join_reader(err_reader, status.is_none());
    Ok(RunOutput {
        stdout,
        stderr,
        status,
        elapsed,
    })
}

type Reader = thread::JoinHandle<Vec<u8>>;

fn spawn_reader<R: Read + Send + 'static>(pipe: Option<R>) -> Option<Reader> {
    pipe.map(|mut p| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = p.read_to_end(&mut buf);
            buf
        })
    })
}

fn join_reader(reader: Option<Reader>, killed: bool) -> Vec<u8> {
    let Some(handle) = reader else {
        return Vec::new();
    };
    if killed {
        // Give the reader a moment to see EOF; never wait on it unboundedly.
        let deadline = Instant::now() + Duration::from_millis(500);
        while !handle.is_finished() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(5));
        }
        if !handle.is_finished() {
            return b"<output unavailable: the killed process left its pipes open>".to_vec();
        }
    }
    handle.join().unwrap_or_default()
}

/// The last `n` lines of `bytes` (lossily decoded), each prefixed by `indent`.
pub fn tail_lines(bytes: &[u8], n: usize, indent: &str) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(n);
    let mut out = String::new();
    for line in &lines[start..] {
        out.push_str(indent);
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Where the first difference between `expected` and `got` lies, for reports:
/// `(1-based line number, expected line, got line)`; a missing line is shown
/// as `<end of output>`. `None` when the two are byte-identical.
pub fn first_difference(expected: &[u8], got: &[u8]) -> Option<(usize, String, String)> {
    if expected == got {
        return None;
    }
    let exp: Vec<&[u8]> = expected.split_inclusive(|&b| b == b'\n').collect();
    let got_lines: Vec<&[u8]> = got.split_inclusive(|&b| b == b'\n').collect();
    let show = |l: Option<&&[u8]>| match l {
        None => "<end of output>".to_string(),
        Some(l) => {
            let mut s = format!("{:?}", String::from_utf8_lossy(l));
            if s.len() > 300 {
                s.truncate(300);
                s.push_str("...");
            }
            s
        }
    };
    let n = exp.len().max(got_lines.len());
    for i in 0..n {
        if exp.get(i) != got_lines.get(i) {
            return Some((i + 1, show(exp.get(i)), show(got_lines.get(i))));
        }
    }
    // Unreachable in practice (identical line lists mean identical bytes).
    Some((n, String::new(), String::new()))
}

/// True when `program` can be spawned (looked up on PATH like `Command` does).
pub fn program_available(program: &str) -> bool {
    Command::new(program)
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The layout of a Cargo target directory around a binary built in it.
#[derive(Debug, Clone)]
pub struct TargetLayout {
    /// `<target>/<profile>` or `<target>/<triple>/<profile>`: where binaries go.
    pub profile_dir: PathBuf,
    /// The `--target-dir` to pass to cargo to build into `profile_dir`.
    pub target_dir: PathBuf,
    /// The directory name of the profile (`debug`, `release`, or a custom one).
    pub profile_dir_name: String,
    /// The target triple, when the build is a cross/explicit `--target` build.
    pub triple: Option<String>,
}

impl TargetLayout {
    /// Derives the layout from the path of an executable that Cargo built:
    /// either a binary directly in the profile directory, or a test/bench
    /// executable in its `deps/` subdirectory.
    pub fn from_executable(exe: &Path) -> Option<TargetLayout> {
        let mut dir = exe.parent()?;
        if dir.file_name().is_some_and(|n| n == "deps") {
            dir = dir.parent()?;
        }
        let profile_dir = dir.to_path_buf();
        let profile_dir_name = profile_dir.file_name()?.to_string_lossy().into_owned();
        let above = profile_dir.parent()?;
        // A target root holds CACHEDIR.TAG; with `--target <triple>` the
        // profile directory sits one level deeper, under the triple.
        let (target_dir, triple) = if !above.join("CACHEDIR.TAG").exists()
            && above
                .parent()
                .is_some_and(|p| p.join("CACHEDIR.TAG").exists())
        {
            (
                above.parent()?.to_path_buf(),
                Some(above.file_name()?.to_string_lossy().into_owned()),
            )
        } else {
            (above.to_path_buf(), None)
        };
        Some(TargetLayout {
            profile_dir,
            target_dir,
            profile_dir_name,
            triple,
        })
    }

    /// Path of the `saturn` binary in this layout (it may not exist yet).
    pub fn saturn_path(&self) -> PathBuf {
        self.profile_dir
            .join(format!("saturn{}", std::env::consts::EXE_SUFFIX))
    }

    /// Cargo arguments selecting this layout's profile, target dir and triple.
    pub fn cargo_args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = Vec::new();
        match self.profile_dir_name.as_str() {
            "debug" => args.extend(["--profile".into(), "dev".into()]),
            "release" => args.push("--release".into()),
            other => args.extend(["--profile".into(), other.into()]),
        }
        args.push("--target-dir".into());
        args.push(self.target_dir.clone().into_os_string());
        if let Some(t) = &self.triple {
            args.push("--target".into());
            args.push(t.into());
        }
        args
    }
}

/// Builds the `saturn` binary (`cargo build -p saturn --bin saturn`) into
/// `layout` and returns its path. `cargo` is the cargo executable to use
/// (`$CARGO` when run under cargo). `manifest_dir` is any directory inside the
/// workspace: cargo is run from there.
pub fn build_saturn(
    cargo: &Path,
    manifest_dir: &Path,
    layout: &TargetLayout,
) -> Result<PathBuf, String> {
    let mut cmd = Command::new(cargo);
    cmd.current_dir(manifest_dir)
        .args(["build", "--quiet", "-p", "saturn", "--bin", "saturn"])
        .args(layout.cargo_args())
        .stdin(Stdio::null());
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("could not run {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let path = layout.saturn_path();
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{shown} succeeded but {} does not exist",
            path.display()
        ))
    }
}

/// The `saturn` binary an integration test should run: `SATURN_BIN` when
/// set, else the binary of the test's own profile and target directory,
/// built (or found up to date) with `$CARGO` from `manifest_dir`.
pub fn saturn_for_tests(manifest_dir: &Path) -> Result<PathBuf, String> {
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
    build_saturn(Path::new(&cargo), manifest_dir, &layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_difference_reports_line() {
        assert_eq!(first_difference(b"a\nb\n", b"a\nb\n"), None);
        let (line, e, g) = first_difference(b"a\nb\nc\n", b"a\nx\nc\n").unwrap();
        assert_eq!(line, 2);
        assert_eq!(e, "\"b\\n\"");
        assert_eq!(g, "\"x\\n\"");
        let (line, e, g) = first_difference(b"a\n", b"a\nextra\n").unwrap();
        assert_eq!((line, e.as_str()), (2, "<end of output>"));
        assert_eq!(g, "\"extra\\n\"");
        let (line, _, _) = first_difference(b"a\n", b"a").unwrap();
        assert_eq!(line, 1);
    }

    #[test]
    fn tail_lines_keeps_last() {
        assert_eq!(tail_lines(b"1\n2\n3\n", 2, "  "), "  2\n  3\n");
        assert_eq!(tail_lines(b"", 2, "  "), "");
    }

    #[test]
    fn layout_from_test_executable() {
        let l = TargetLayout::from_executable(Path::new("/x/target/debug/deps/differential-abc"))
            .unwrap();
        assert_eq!(l.profile_dir, Path::new("/x/target/debug"));
        assert_eq!(l.profile_dir_name, "debug");
        assert_eq!(
            l.saturn_path(),
            Path::new("/x/target/debug").join(format!("saturn{}", std::env::consts::EXE_SUFFIX))
        );
        let l = TargetLayout::from_executable(Path::new("/x/target/release/suite-runner")).unwrap();
        assert_eq!(l.profile_dir_name, "release");
        assert_eq!(l.target_dir, Path::new("/x/target"));
    }

    #[cfg(unix)]
    #[test]
    fn timeout_kills_child() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo started; sleep 5"]);
        let out = run_with_timeout(&mut cmd, Duration::from_millis(300)).unwrap();
        assert!(out.timed_out());
        assert!(out.elapsed < Duration::from_secs(4));
    }

    #[cfg(unix)]
    #[test]
    fn captures_output_and_empty_stdin() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "cat; echo out; echo err >&2; exit 3"]);
        let out = run_with_timeout(&mut cmd, Duration::from_secs(10)).unwrap();
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
        assert_eq!(out.status.and_then(|s| s.code()), Some(3));
    }
}
