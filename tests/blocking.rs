//! Blocking file I/O runs off the schedulers: a process waiting for a FIFO's other end
//! holds up only itself. The program's golden output is real erl's (`tests/blocking/regen.sh`).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `ember --schedulers N run fifo.erl PIPE` with a fresh FIFO; None if it does not end
/// within a minute (a scheduler blocked in the open would keep it waiting forever).
fn run_fifo(schedulers: usize) -> Option<(bool, String, String)> {
    let dir = std::env::temp_dir().join(format!("ember_fifo_{}_{schedulers}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let pipe = dir.join("pipe");
    let made = Command::new("mkfifo").arg(&pipe).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    let prog = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/blocking/fifo.erl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--schedulers", &schedulers.to_string(), "run"])
        .arg(&prog)
        .arg(&pipe)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ember starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for ember") {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child.stdout.take().map(|mut s| s.read_to_string(&mut out));
    child.stderr.take().map(|mut s| s.read_to_string(&mut err));
    let _ = std::fs::remove_dir_all(&dir);
    status.map(|s| (s.success(), out, err))
}

fn check(schedulers: usize) {
    let expected = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/blocking/fifo.expected"))
        .expect("golden output");
    let Some((ok, out, err)) = run_fifo(schedulers) else {
        panic!("ember did not finish: blocking I/O held up a scheduler");
    };
    assert!(ok, "ember failed: {err}");
    assert_eq!(out, expected);
}

#[test]
fn a_fifo_waiting_for_its_writer_blocks_no_scheduler_one_scheduler() {
    check(1);
}

#[test]
fn a_fifo_waiting_for_its_writer_blocks_no_scheduler_two_schedulers() {
    check(2);
}
