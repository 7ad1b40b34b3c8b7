//! Process-scale tests that erl's default limits cannot produce goldens for: one million
//! processes, each returning a result, on one scheduler and on several.

use std::process::Command;

fn run_million(schedulers: usize) {
    let prog = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/processes/million.erl");
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .args(["--schedulers", &schedulers.to_string(), "run", prog])
        .output()
        .expect("ember runs");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    // The sum of 2 * i for i in 1..=1_000_000.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1000001000000\n");
}

#[test]
fn a_million_processes_each_send_a_result_one_scheduler() {
    run_million(1);
}

#[test]
fn a_million_processes_each_send_a_result_two_schedulers() {
    run_million(2);
}
