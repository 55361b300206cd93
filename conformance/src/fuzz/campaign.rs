//! A fuzzing campaign: many seeds, each generated, judged and, when it shows
//! a new symptom, minimised. Shared by the `lua-fuzz` binary and the
//! `cargo test` slice.

use super::ast::PRELUDE;
use super::generate::{Size, generate};
use super::minimise::{Budget, minimise};
use super::runner::{Ending, Interpreters, Kind, Verdict, describe, signature};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How a campaign runs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub interpreters: Interpreters,
    pub size: Size,
    /// Scratch directory (one subdirectory per worker is created in it).
    pub workdir: PathBuf,
    /// Minimise findings (else report the whole program).
    pub minimise: bool,
    pub budget: Budget,
    /// Worker threads.
    pub jobs: usize,
    /// Stop starting new seeds after this instant.
    pub deadline: Option<Instant>,
    /// Print a line per finding as it is found.
    pub verbose: bool,
}

/// One distinct symptom.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The first seed that showed it.
    pub seed: u64,
    pub kind: Kind,
    pub signature: String,
    /// Kind, endings and first differing line of the minimised program.
    pub description: String,
    /// The minimised program (or the whole one when not minimising).
    pub reproducer: String,
    /// Other seeds that showed the same symptom.
    pub repeats: Vec<u64>,
}

/// What a campaign did.
#[derive(Debug, Default)]
pub struct Summary {
    pub programs: u64,
    pub first_seed: u64,
    pub last_seed: u64,
    pub version_differences: u64,
    pub reference_timeouts: u64,
    /// Programs the reference itself rejected (a generator bug).
    pub invalid_programs: u64,
    /// Programs whose reference output changed between two runs (a
    /// generator bug: hash order, addresses).
    pub nondeterministic: u64,
    pub findings: Vec<Finding>,
    pub elapsed: Duration,
}

impl Summary {
    /// The closing report: one line of figures, then every finding.
    pub fn report(&self) -> String {
        let repeats: usize = self.findings.iter().map(|f| f.repeats.len()).sum();
        let mut s = format!(
            "{} programs (seeds {}..={}) in {:.1} s: {} distinct differences ({} more programs showing one of them), {} version differences skipped, {} reference timeouts, {} programs the reference rejected, {} nondeterministic programs\n",
            self.programs,
            self.first_seed,
            self.last_seed,
            self.elapsed.as_secs_f64(),
            self.findings.len(),
            repeats,
            self.version_differences,
            self.reference_timeouts,
            self.invalid_programs,
            self.nondeterministic,
        );
        for f in &self.findings {
            let body = f.reproducer.strip_prefix(PRELUDE).unwrap_or(&f.reproducer);
            s.push_str(&format!(
                "\n=== seed {} ({} repeats) {}\n{}\n--- reproducer (after the prelude) ---\n{}",
                f.seed,
                f.repeats.len(),
                f.signature,
                f.description,
                body
            ));
        }
        s
    }
}

/// Runs every seed of `seeds` (until the deadline) and summarises.
pub fn run(settings: &Settings, seeds: std::ops::Range<u64>) -> Summary {
    let start = Instant::now();
    let next = AtomicU64::new(seeds.start);
    let state = Mutex::new(Shared::default());
    thread::scope(|scope| {
        for worker in 0..settings.jobs.max(1) {
            let dir = settings.workdir.join(format!("worker{worker}"));
            let next = &next;
            let state = &state;
            let seeds = seeds.clone();
            scope.spawn(move || {
                std::fs::create_dir_all(&dir).expect("cannot create the fuzzing work directory");
                loop {
                    if settings.deadline.is_some_and(|d| Instant::now() >= d) {
                        break;
                    }
                    let seed = next.fetch_add(1, Ordering::SeqCst);
                    if seed >= seeds.end {
                        break;
                    }
                    check_seed(settings, &dir, seed, state);
                }
            });
        }
    });
    let shared = state.into_inner().expect("no worker panicked");
    let mut findings: Vec<Finding> = shared.findings.into_values().collect();
    findings.sort_by_key(|f| f.seed);
    Summary {
        programs: shared.programs,
        first_seed: seeds.start,
        last_seed: shared.last_seed,
        version_differences: shared.version_differences,
        reference_timeouts: shared.reference_timeouts,
        invalid_programs: shared.invalid_programs,
        nondeterministic: shared.nondeterministic,
        findings,
        elapsed: start.elapsed(),
    }
}

/// What the workers share: counters and the findings by signature.
#[derive(Default)]
struct Shared {
    programs: u64,
    last_seed: u64,
    version_differences: u64,
    reference_timeouts: u64,
    invalid_programs: u64,
    nondeterministic: u64,
    findings: HashMap<String, Finding>,
}

/// Generates, judges and (for a new symptom) minimises the program of
/// `seed`, recording the outcome in `state`.
fn check_seed(settings: &Settings, dir: &Path, seed: u64, state: &Mutex<Shared>) {
    let program = generate(seed, settings.size);
    // Every program is run as `fuzz.lua`, so chunk names in messages are
    // the same for every interpreter and every candidate.
    let file = "fuzz.lua";
    let verdict = settings.interpreters.judge(dir, file, &program.render());
    let mut shared = state.lock().expect("no worker panicked");
    shared.programs += 1;
    shared.last_seed = shared.last_seed.max(seed);
    if settings.verbose && shared.programs.is_multiple_of(1000) {
        eprintln!(
            "{} programs (last seed {}), {} distinct differences so far",
            shared.programs,
            shared.last_seed,
            shared.findings.len()
        );
    }
    let (kind, saturn, reference) = match verdict {
        Verdict::Same => return,
        Verdict::ReferenceTimeout => {
            shared.reference_timeouts += 1;
            return;
        }
        Verdict::Nondeterministic => {
            shared.nondeterministic += 1;
            return;
        }
        Verdict::InvalidProgram => {
            shared.invalid_programs += 1;
            return;
        }
        Verdict::VersionDifference => {
            shared.version_differences += 1;
            return;
        }
        Verdict::Finding {
            kind,
            saturn,
            reference,
        } => (kind, saturn, reference),
    };
    let sig = signature(kind, &saturn, reference.as_ref());
    if let Some(f) = shared.findings.get_mut(&sig) {
        f.repeats.push(seed);
        return;
    }
    // Claim the symptom before minimising (outside the lock), so other
    // workers count repeats instead of minimising it again.
    shared.findings.insert(
        sig.clone(),
        Finding {
            seed,
            kind,
            signature: sig.clone(),
            description: describe(kind, &saturn, reference.as_ref()),
            reproducer: program.render(),
            repeats: Vec::new(),
        },
    );
    drop(shared);
    if settings.verbose {
        eprintln!("seed {seed}: {sig} (minimising)");
    }
    if !settings.minimise {
        return;
    }
    let reference_ending: Option<Ending> = reference.as_ref().map(|r| r.ending.clone());
    let mut last = None;
    let (small, _tests) = minimise(&program, settings.budget, |candidate| {
        match settings.interpreters.judge(dir, file, &candidate.render()) {
            Verdict::Finding {
                kind: k,
                saturn,
                reference,
            } if k == kind && reference.as_ref().map(|r| r.ending.clone()) == reference_ending => {
                last = Some(describe(k, &saturn, reference.as_ref()));
                true
            }
            _ => false,
        }
    });
    let mut shared = state.lock().expect("no worker panicked");
    if let Some(f) = shared.findings.get_mut(&sig) {
        f.reproducer = small.render();
        if let Some(d) = last {
            f.description = d;
        }
    }
}
