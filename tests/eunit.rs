//! `ember test` on sample projects (tests/eunit_projects, with the output real erl's EUnit
//! gave in each `expected.txt`, made by `tests/eunit_projects/regen.sh`): the report, the
//! `N passed, N failed` line, and the exit codes.

use std::path::PathBuf;
use std::process::Command;

fn project(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eunit_projects").join(name)
}

fn ember_test(dir: &std::path::Path) -> (String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_ember"))
        .current_dir(dir.parent().expect("parent"))
        .arg("test")
        .arg(dir.file_name().expect("name"))
        .output()
        .expect("ember runs");
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code())
}

#[test]
fn a_passing_project_reports_as_eunit_does_and_exits_0() {
    let dir = project("passing");
    let (out, code) = ember_test(&dir);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("golden");
    assert_eq!(out, format!("{expected}38 passed, 0 failed\n"));
    assert_eq!(code, Some(0));
}

#[test]
fn a_failing_project_reports_its_failures_and_exits_1() {
    let dir = project("failing");
    let (out, code) = ember_test(&dir);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("golden");
    let actual: Vec<&str> = out.lines().collect();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(actual[..actual.len() - 1], expected[..]);
    assert_eq!(actual.last(), Some(&"6 passed, 6 failed"));
    assert_eq!(code, Some(1));
}

#[test]
fn a_project_that_does_not_compile_exits_2() {
    let dir = project("broken");
    let (out, code) = ember_test(&dir);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("golden");
    assert_eq!(out, expected);
    assert_eq!(code, Some(2));
}

#[test]
fn no_test_at_all_is_not_a_success() {
    let dir = std::env::temp_dir().join(format!("ember-no-tests-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).expect("dir");
    std::fs::write(dir.join("src/plain.erl"), "-module(plain).\n-export([f/0]).\nf() -> ok.\n").expect("write");
    let (out, code) = ember_test(&dir);
    assert!(out.ends_with("0 passed, 0 failed\n"), "{out}");
    assert_eq!(code, Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}
