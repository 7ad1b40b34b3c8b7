//! Conformance: every program in tests/conformance/programs runs under `ember run` and must
//! print exactly what real Erlang/OTP printed (the `.expected` files, made by
//! `tests/conformance/regen.sh` with `erl`). A program that ends in an uncaught exception
//! has a `.stderr` file with erl's error text, and must exit with status 1. A program with
//! a `.stdin` file reads it as its standard input (others read an empty one), in erl and
//! here; `stdin_in_small_pieces` runs those again with the input arriving a few bytes at a
//! time.
//!
//! Programs in tests/wishlist/programs are run too and reported, but do not fail the suite:
//! they are what ember does not do yet.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Outcome {
    name: String,
    failure: Option<String>,
}

fn programs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "erl"));
    v.sort();
    v
}

/// How a program's standard input is fed to it.
#[derive(Clone, Copy)]
enum Feed {
    /// All at once.
    Whole,
    /// In pieces of this many bytes, with a pause after each.
    Pieces(usize),
}

/// Runs `ember run program` with the program's `.stdin` file (if it has one) as its
/// standard input.
fn run_ember(program: &Path, schedulers: usize, feed: Feed) -> std::io::Result<std::process::Output> {
    let input = std::fs::read(program.with_extension("stdin")).ok();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ember"))
        .arg("--schedulers")
        .arg(schedulers.to_string())
        .arg("run")
        .arg(program)
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let writer = match (input, child.stdin.take()) {
        (Some(bytes), Some(mut stdin)) => Some(std::thread::spawn(move || {
            // A program may stop reading early; a broken pipe is then no failure.
            let piece = match feed {
                Feed::Whole => bytes.len().max(1),
                Feed::Pieces(n) => n,
            };
            for chunk in bytes.chunks(piece) {
                if stdin.write_all(chunk).and_then(|_| stdin.flush()).is_err() {
                    break;
                }
                if let Feed::Pieces(_) = feed {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
        })),
        _ => None,
    };
    // Read both pipes while waiting, and give up on a program that hangs: a hang fails its
    // test instead of stalling the whole run.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let out = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let err = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let deadline = Instant::now() + PROGRAM_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("no exit after {} s", PROGRAM_TIMEOUT.as_secs()),
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    Ok(std::process::Output { status, stdout: out.join().unwrap_or_default(), stderr: err.join().unwrap_or_default() })
}

/// How long one program may run before it counts as hung.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(120);

fn check(program: &Path, schedulers: usize) -> Outcome {
    check_fed(program, schedulers, Feed::Whole)
}

fn check_fed(program: &Path, schedulers: usize, feed: Feed) -> Outcome {
    let name = program.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let expected = std::fs::read(program.with_extension("expected")).unwrap_or_default();
    let expected_err = std::fs::read(program.with_extension("stderr")).ok();
    let out = run_ember(program, schedulers, feed);
    let out = match out {
        Ok(o) => o,
        Err(e) => return Outcome { name, failure: Some(format!("could not run ember: {e}")) },
    };
    let mut problems = Vec::new();
    if out.stdout != expected {
        problems.push(diff("stdout", &expected, &out.stdout));
    }
    match &expected_err {
        Some(err) => {
            if out.status.code() != Some(1) {
                problems.push(format!("exit status {:?}, expected 1", out.status.code()));
            }
            if &out.stderr != err {
                problems.push(diff("stderr", err, &out.stderr));
            }
        }
        None => {
            if !out.status.success() {
                problems.push(format!(
                    "exit status {:?}, expected 0; stderr:\n{}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    Outcome { name, failure: if problems.is_empty() { None } else { Some(problems.join("\n")) } }
}

/// The first differing line, with a little context.
fn diff(what: &str, expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let el: Vec<&str> = e.lines().collect();
    let al: Vec<&str> = a.lines().collect();
    let i = el.iter().zip(al.iter()).position(|(x, y)| x != y).unwrap_or(el.len().min(al.len()));
    format!(
        "{what} differs at line {}:\n  expected: {:?}\n  actual:   {:?}",
        i + 1,
        el.get(i).copied().unwrap_or("<end>"),
        al.get(i).copied().unwrap_or("<end>")
    )
}

fn run_all(dir: &Path, schedulers: usize) -> Vec<Outcome> {
    let progs = programs(dir);
    let results = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap_or_else(|e| e.into_inner());
                    let i = *n;
                    *n += 1;
                    i
                };
                let Some(p) = progs.get(i) else { break };
                let o = check(p, schedulers);
                results.lock().unwrap_or_else(|e| e.into_inner()).push(o);
            });
        }
    });
    let mut v = results.into_inner().unwrap_or_else(|e| e.into_inner());
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn conformance(schedulers: usize) {
    let results = run_all(&root().join("tests/conformance/programs"), schedulers);
    assert!(results.len() >= 80, "expected at least 80 conformance programs, found {}", results.len());
    let failed: Vec<&Outcome> = results.iter().filter(|o| o.failure.is_some()).collect();
    for f in &failed {
        eprintln!("FAIL {}: {}", f.name, f.failure.as_deref().unwrap_or(""));
    }
    assert!(failed.is_empty(), "{} of {} conformance programs failed", failed.len(), results.len());
}

#[test]
fn conformance_one_scheduler() {
    conformance(1);
}

#[test]
fn conformance_four_schedulers() {
    conformance(4);
}

/// Reports the wishlist: programs ember does not run correctly yet. This test does not
/// fail on them; it fails only if a wishlist program has no golden output.
#[test]
fn wishlist_report() {
    let dir = root().join("tests/wishlist/programs");
    let results = run_all(&dir, 2);
    let passing: Vec<&str> = results.iter().filter(|o| o.failure.is_none()).map(|o| o.name.as_str()).collect();
    eprintln!("wishlist: {} of {} programs pass now", passing.len(), results.len());
    for o in &results {
        match &o.failure {
            None => eprintln!("  PASS {} (move it to tests/conformance/programs)", o.name),
            Some(f) => eprintln!("  TODO {}: {}", o.name, f.lines().next().unwrap_or("")),
        }
    }
    for p in programs(&dir) {
        assert!(p.with_extension("expected").exists(), "{} has no .expected golden", p.display());
    }
}

/// Programs that read standard input give the same output when the input comes a few bytes
/// at a time, so that lines, characters and terms are cut at every point between reads.
#[test]
fn stdin_in_small_pieces() {
    let dir = root().join("tests/conformance/programs");
    let readers: Vec<PathBuf> = programs(&dir).into_iter().filter(|p| p.with_extension("stdin").exists()).collect();
    assert!(!readers.is_empty(), "no conformance program has a .stdin file");
    let mut failed = Vec::new();
    for p in &readers {
        for piece in [1, 7] {
            let o = check_fed(p, 1, Feed::Pieces(piece));
            if let Some(f) = o.failure {
                failed.push(format!("{} (pieces of {piece}): {f}", o.name));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
