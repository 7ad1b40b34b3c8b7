//! Native code against the interpreter: the same programs, run with native code on and
//! off (`EMBER_JIT=off`), must print the same thing, stack traces included. (What they
//! print is checked against erl by the conformance programs; the traces here have frames
//! that erl leaves out of body recursions, so they are compared between ember's two ways
//! of running code instead.)

use std::path::Path;
use std::process::Command;

fn run(program: &Path, jit: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .env("EMBER_JIT", jit)
        .args(["--schedulers", "1", "run"])
        .arg(program)
        .output()
        .expect("ember runs");
    assert!(out.status.success(), "{}: {}", program.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn native_code_prints_what_the_interpreter_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/native");
    let program = dir.join("traces.erl");
    let native = run(&program, "on");
    let interpreted = run(&program, "off");
    assert_eq!(native, interpreted);
    // The callers that native code left behind are in the trace, with their lines.
    assert!(native.contains("{traces,middle,2,[{file,\"traces.erl\"},{line,24}]}"), "{native}");
    assert!(native.contains("{traces,count_down,1,[{file,\"traces.erl\"},{line,29}]}"), "{native}");
    assert!(native.contains("sum 9223372041854760272"), "{native}");
}
