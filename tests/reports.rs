//! Reports: what the logger prints, compared with erl's. Each program in tests/reports
//! logs through `logger` or `error_logger` and prints nothing else; its `.expected` file
//! is what erl's default handler printed for it (tests/reports/regen.sh), with the time in
//! each report header replaced by `T`. ember prints the same text on standard error
//! (never on standard output, where erl puts it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reports")
}

/// The report headers' times replaced by `T`, as regen.sh does.
fn without_times(text: &str) -> String {
    text.lines()
        .map(|l| match (l.starts_with('='), l.find(" REPORT==== "), l.ends_with(" ===")) {
            (true, Some(i), true) => format!("{} T ===\n", &l[..i + " REPORT====".len()]),
            _ => format!("{l}\n"),
        })
        .collect()
}

fn check(name: &str) {
    let program = dir().join(format!("{name}.erl"));
    let out = Command::new(env!("CARGO_BIN_EXE_ember")).arg("run").arg(&program).output().expect("run ember");
    assert!(out.status.success(), "{name}: exit status {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{name}: reports must not go to standard output");
    let expected = std::fs::read_to_string(dir().join(format!("{name}.expected"))).expect("the .expected file");
    assert_eq!(without_times(&String::from_utf8_lossy(&out.stderr)), expected, "{name}");
}

#[test]
fn logger_calls() {
    check("logger_calls");
}

#[test]
fn error_logger_calls() {
    check("error_logger_calls");
}

#[test]
fn logger_macros_metadata_and_filters() {
    check("logger_macros");
}

#[test]
fn logger_filter_default_funs_and_metadata_order() {
    check("logger_filter_rules");
}

#[test]
fn times_are_replaced_only_in_headers() {
    let text = "=ERROR REPORT==== 22-Nov-2026::11:23:06.574110 ===\nplain ===\n";
    assert_eq!(without_times(text), "=ERROR REPORT==== T ===\nplain ===\n");
}
