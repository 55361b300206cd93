//! Running one program under Saturn and the reference interpreter(s), and
//! judging the difference.
//!
//! Only stdout and the exit status are compared: stderr carries the
//! interpreter's name and tracebacks, which legitimately differ. A second
//! reference (the newest PUC release) separates Saturn bugs from the known
//! differences between the reference on `PATH` (Debian's 5.4.4) and 5.4.8:
//! when the second reference agrees with Saturn, the program is counted as a
//! version difference, not a finding.

use crate::{first_difference, run_with_timeout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The interpreters a program runs under.
#[derive(Debug, Clone)]
pub struct Interpreters {
    /// The `saturn` binary under test.
    pub saturn: PathBuf,
    /// The reference (`lua5.4`); `None` when it is not installed: then only
    /// Saturn's own sanity (no panic, no crash, no hang) is checked.
    pub reference: Option<PathBuf>,
    /// An optional newer reference, consulted only when Saturn and the
    /// reference disagree.
    pub second_reference: Option<PathBuf>,
    /// Per-process timeout.
    pub timeout: Duration,
}

/// How a process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Exited with this status code.
    Exit(i32),
    /// Killed by a signal (a crash: segmentation fault, abort, ...).
    Signal,
    /// Killed by us at the timeout.
    Timeout,
}

/// What one interpreter did with a program.
#[derive(Debug, Clone)]
pub struct Run {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub ending: Ending,
}

impl Run {
    /// A Rust panic (exit status 101 with a panic message), a signal or a
    /// status `lua` never uses: Saturn failed as a program, whatever Lua did.
    pub fn crashed(&self) -> bool {
        match self.ending {
            Ending::Signal => true,
            Ending::Exit(code) => code != 0 && code != 1 || contains(&self.stderr, b"panicked at"),
            Ending::Timeout => false,
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The kinds of findings. The minimiser keeps a reduction only when the
/// program still shows the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Saturn panicked or crashed.
    Crash,
    /// Saturn ran past the timeout while the reference finished.
    Hang,
    /// Different stdout or exit status.
    Mismatch,
}

/// The judgement on one program.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Saturn behaved as the reference (or, without a reference, sanely).
    Same,
    /// The reference itself timed out: nothing to compare.
    ReferenceTimeout,
    /// The reference printed something else when run again: the program
    /// depends on hash order, addresses, time or PUC's per-process string
    /// hash seed (see [`REFERENCE_RERUNS`]).
    Nondeterministic,
    /// Saturn behaved as the reference, but the reference did not exit
    /// with status 0: the generator produced an invalid program.
    InvalidProgram,
    /// Saturn and the reference differ, but the second reference agrees
    /// with Saturn: a 5.4.4-vs-newer difference, not a Saturn bug.
    VersionDifference,
    /// A Saturn bug: how it shows, with both runs.
    Finding {
        kind: Kind,
        saturn: Run,
        reference: Option<Run>,
    },
}

/// How many more times the reference runs a program that Saturn disagrees
/// with before the difference counts as a finding.
///
/// PUC Lua seeds its string hashes afresh in every process (from the time
/// and from addresses that ASLR moves), so which string keys collide, and
/// with it the moment a hash part fills up and is rehashed, changes from run
/// to run. A program whose output depends on that (`#t` of a table with a
/// hole after string keys were deleted and added) prints one of two or more
/// outputs, often with even odds: one rerun would let half of them through
/// as findings, six let through about one in 64.
const REFERENCE_RERUNS: usize = 6;

/// Runs `interpreter file` with `dir` as working directory.
pub fn run_one(interpreter: &Path, dir: &Path, file: &str, timeout: Duration) -> Run {
    let mut cmd = Command::new(interpreter);
    cmd.arg(file).current_dir(dir);
    match run_with_timeout(&mut cmd, timeout) {
        Ok(out) => {
            let ending = match out.status {
                None => Ending::Timeout,
                Some(s) => s.code().map_or(Ending::Signal, Ending::Exit),
            };
            Run {
                stdout: out.stdout,
                stderr: out.stderr,
                ending,
            }
        }
        Err(e) => Run {
            stdout: Vec::new(),
            stderr: format!("could not run {}: {e}", interpreter.display()).into_bytes(),
            ending: Ending::Signal,
        },
    }
}

impl Interpreters {
    /// Writes `source` to `dir/file` and judges it.
    pub fn judge(&self, dir: &Path, file: &str, source: &str) -> Verdict {
        if let Err(e) = std::fs::write(dir.join(file), source) {
            panic!("cannot write the program to {}: {e}", dir.display());
        }
        let saturn = run_one(&self.saturn, dir, file, self.timeout);
        let Some(reference) = &self.reference else {
            return if saturn.crashed() {
                Verdict::Finding {
                    kind: Kind::Crash,
                    saturn,
                    reference: None,
                }
            } else if saturn.ending == Ending::Timeout {
                Verdict::Finding {
                    kind: Kind::Hang,
                    saturn,
                    reference: None,
                }
            } else {
                Verdict::Same
            };
        };
        let reference_path = reference;
        let reference = run_one(reference_path, dir, file, self.timeout);
        if reference.ending == Ending::Timeout {
            return Verdict::ReferenceTimeout;
        }
        let kind = if saturn.crashed() {
            Kind::Crash
        } else if saturn.ending == Ending::Timeout {
            Kind::Hang
        } else if saturn.stdout != reference.stdout || saturn.ending != reference.ending {
            Kind::Mismatch
        } else if reference.ending != Ending::Exit(0) {
            return Verdict::InvalidProgram;
        } else {
            return Verdict::Same;
        };
        if kind == Kind::Mismatch {
            for _ in 0..REFERENCE_RERUNS {
                let again = run_one(reference_path, dir, file, self.timeout);
                if again.stdout != reference.stdout || again.ending != reference.ending {
                    return Verdict::Nondeterministic;
                }
            }
            if let Some(second) = &self.second_reference {
                let newer = run_one(second, dir, file, self.timeout);
                if newer.stdout == saturn.stdout && newer.ending == saturn.ending {
                    return Verdict::VersionDifference;
                }
            }
        }
        Verdict::Finding {
            kind,
            saturn,
            reference: Some(reference),
        }
    }
}

/// A short description of a finding for reports: the kind, the endings and
/// the first differing stdout line.
pub fn describe(kind: Kind, saturn: &Run, reference: Option<&Run>) -> String {
    let mut s = format!("{kind:?}: saturn {:?}", saturn.ending);
    if let Some(r) = reference {
        s.push_str(&format!(", reference {:?}", r.ending));
        if let Some((line, exp, got)) = first_difference(&r.stdout, &saturn.stdout) {
            s.push_str(&format!(
                "\n  first difference at stdout line {line}\n    reference: {exp}\n    saturn:    {got}"
            ));
        }
    }
    let stderr = String::from_utf8_lossy(&saturn.stderr);
    let stderr = stderr.trim();
    if !stderr.is_empty() && kind != Kind::Mismatch {
        let short: String = stderr.chars().take(400).collect();
        s.push_str(&format!("\n  saturn stderr: {short}"));
    }
    s
}

/// A coarse fingerprint of a finding (kind plus the first differing line
/// with digits removed), so the fuzzer minimises each distinct symptom once
/// and only counts its repetitions.
pub fn signature(kind: Kind, saturn: &Run, reference: Option<&Run>) -> String {
    let detail = match (kind, reference) {
        (Kind::Mismatch, Some(r)) => match first_difference(&r.stdout, &saturn.stdout) {
            Some((_, exp, got)) => format!("{exp} / {got}"),
            None => format!("{:?} / {:?}", r.ending, saturn.ending),
        },
        _ => String::from_utf8_lossy(&saturn.stderr)
            .lines()
            .find(|l| l.contains("panicked at") || !l.trim().is_empty())
            .unwrap_or("")
            .to_string(),
    };
    let detail: String = detail.chars().filter(|c| !c.is_ascii_digit()).collect();
    format!("{kind:?}: {detail}")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A fake interpreter: a shell script run as `script program.lua`.
    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    fn interpreters(dir: &Path, reference_body: &str) -> Interpreters {
        Interpreters {
            saturn: script(dir, "saturn.sh", "echo 1"),
            reference: Some(script(dir, "reference.sh", reference_body)),
            second_reference: None,
            timeout: Duration::from_secs(10),
        }
    }

    /// A reference that prints Saturn's answer only on its fourth run (as
    /// PUC does for a program whose output depends on its string hash seed)
    /// makes the program nondeterministic, not a finding; one that always
    /// disagrees is a finding.
    #[test]
    fn a_reference_that_varies_on_a_later_run_is_nondeterministic() {
        let dir = std::env::temp_dir().join(format!("lua-fuzz-runner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let counting = "n=$(cat runs 2>/dev/null || echo 0); n=$((n + 1)); echo $n > runs\n\
                        if [ $n -ge 4 ]; then echo 1; else echo 3; fi";
        let varying = interpreters(&dir, counting);
        let verdict = varying.judge(&dir, "program.lua", "print(#t)");
        assert!(matches!(verdict, Verdict::Nondeterministic), "{verdict:?}");

        let steady = interpreters(&dir, "echo 3");
        let verdict = steady.judge(&dir, "program.lua", "print(#t)");
        assert!(
            matches!(
                verdict,
                Verdict::Finding {
                    kind: Kind::Mismatch,
                    ..
                }
            ),
            "{verdict:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
